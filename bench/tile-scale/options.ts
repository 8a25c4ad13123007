// Command-line options of bench/tile-scale.ts, their defaults and the usage text.
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface TileScaleOptions {
  /** Pieces of the main county (tile measurements, ingest and finalize). */
  changes: number;
  /** Pieces of the second county (gives the per-piece slope of ingest and finalize). */
  small: number;
  /** Generator seed of both counties. */
  seed: number;
  /** Tile sizes (maxFeatures) to measure. */
  sizes: number[];
  /** Full tiles measured per size (evenly spread over the county). */
  perSize: number;
  /** Simulated first-byte latency per request for the latency check (0 = no check). */
  latencyMs: number;
  /** Simulated per-request throughput in MB/s for the latency check. */
  mbps: number;
  /** Data directory. */
  data: string;
  /** Where to write the raw results as JSON (default DIR/tile-scale-results.json). */
  json: string | undefined;
  /** Only print the report of saved raw results (no measuring). */
  report: string | undefined;
  help: boolean;
}

export const TILE_SCALE_USAGE = `usage: npx tsx bench/tile-scale.ts [options]      (run \`npm run build\` first: the CLI generates the data)
  --changes N        pieces of the main county (default 20000)
  --small N          pieces of the second county, for per-piece slopes (default 5000)
  --seed S           generator seed of both counties (default 7)
  --sizes a,b,c      tile sizes to measure (default 500,1000,2000,5000,10000)
  --per-size N       full tiles measured per size (default 3)
  --latency-ms MS    simulated latency per request for the latency check (default 30; 0 = no check)
  --mbps R           simulated throughput per request for the latency check (default 50)
  --data DIR         data and run folders (default $TMPDIR/landwatch-tile-scale-s{seed}; counties reused)
  --json FILE        raw results (default DIR/tile-scale-results.json)
  --report FILE      print the tables and the projection again from saved raw results; measures nothing
  --help             this text`;

export function parseTileScaleOptions(argv: readonly string[]): TileScaleOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      changes: { type: 'string' },
      small: { type: 'string' },
      seed: { type: 'string' },
      sizes: { type: 'string' },
      'per-size': { type: 'string' },
      'latency-ms': { type: 'string' },
      mbps: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'string' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const num = (name: keyof typeof values, dflt: number): number => {
    const v = values[name] as string | undefined;
    const n = v === undefined ? dflt : Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${v}`);
    return n;
  };
  const seed = num('seed', 7);
  return {
    changes: num('changes', 20_000),
    small: num('small', 5_000),
    seed,
    sizes: (values.sizes ?? '500,1000,2000,5000,10000').split(',').map(Number),
    perSize: num('per-size', 3),
    latencyMs: num('latency-ms', 30),
    mbps: num('mbps', 50),
    data: resolve(values.data ?? join(tmpdir(), `landwatch-tile-scale-s${seed}`)),
    json: values.json,
    report: values.report,
    help: values.help ?? false,
  };
}
