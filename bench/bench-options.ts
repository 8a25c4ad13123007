// Command-line options of `npm run bench` (bench/run.ts), their defaults and validation.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Data-set sizes (change pieces) of the growth table, ascending. */
  sizes: number[];
  /** The size the headline ratios are measured on (one of `sizes`). */
  headlineSize: number;
  /** Permanent-farmland polygons per change piece (20 k pieces × 2.5 = 50 k polygons). */
  farmlandPerPiece: number;
  /** Typical vertex count of a protection polygon (the generator varies it ×0.6–1.8; holes included). */
  protectionVertices: number;
  /** Generator seed. */
  seed: number;
  /** Timed repetitions of every configuration at the headline size (best of N is reported); 1 at other sizes. */
  repeat: number;
  /** PostGIS runs only at sizes up to this many pieces; larger sizes are LandWatch only (said in the output). */
  postgisMaxPieces: number;
  /** Where data sets, run outputs and the throwaway PostgreSQL clusters go. */
  workDir: string;
  /** Also write every measured number as JSON here. */
  jsonPath: string | undefined;
  /** Tiny sizes for the test suite: checks that everything runs, measures nothing worth reading. */
  quick: boolean;
  /** Print the usage and run nothing. */
  help: boolean;
}

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

export const BENCH_USAGE = `usage: npm run bench -- [options]      (or: node --import tsx bench/run.ts [options] after npm run build)
  --sizes a,b,c         change pieces per data set for the growth table (default 5000,20000,100000)
  --headline N          size the headline ratios are measured on (default 20000; must be in --sizes)
  --farmland-ratio R    permanent-farmland polygons per change piece (default 2.5: 20 k pieces → 50 k polygons)
  --vertices V          typical vertices per protection polygon (default 200, varied ×0.6–1.8)
  --seed S              generator seed (default 2024)
  --repeat N            timed repetitions at the headline size, best reported (default 3)
  --postgis-max N       run PostGIS only up to N pieces (default: every size)
  --work-dir DIR        data and outputs (default bench/.work)
  --json FILE           also write all measurements as JSON
  --quick               tiny sizes (300 pieces, 600 polygons, one repetition): the test suite's smoke run
  --help                this text`;

const DEFAULTS = { sizes: [5_000, 20_000, 100_000], headline: 20_000, farmlandRatio: 2.5, vertices: 200, seed: 2024, repeat: 3 };
const QUICK = { sizes: [300], headline: 300, farmlandRatio: 2, vertices: 160, repeat: 1 };

export function parseBenchOptions(argv: readonly string[], benchDir: string): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        sizes: { type: 'string' },
        headline: { type: 'string' },
        'farmland-ratio': { type: 'string' },
        vertices: { type: 'string' },
        seed: { type: 'string' },
        repeat: { type: 'string' },
        'postgis-max': { type: 'string' },
        'work-dir': { type: 'string' },
        json: { type: 'string' },
        quick: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (cause) {
    throw new BenchUsageError((cause as Error).message, { cause });
  }
  const base = values.quick ? { ...DEFAULTS, ...QUICK } : DEFAULTS;
  const sizes = values.sizes !== undefined ? values.sizes.split(',').map((s) => wholeNumber(s.trim(), 'sizes', 10)) : [...base.sizes];
  const headlineSize = values.headline !== undefined ? wholeNumber(values.headline, 'headline', 10) : values.sizes !== undefined && !sizes.includes(base.headline) ? sizes[0] : base.headline;
  if (!sizes.includes(headlineSize)) sizes.push(headlineSize);
  const postgisMaxPieces = values['postgis-max'] !== undefined ? wholeNumber(values['postgis-max'], 'postgis-max', 0) : Number.POSITIVE_INFINITY;
  if (headlineSize > postgisMaxPieces) throw new BenchUsageError(`--postgis-max ${postgisMaxPieces} leaves out the headline size ${headlineSize}: the headline compares with PostGIS`);
  const farmlandPerPiece = values['farmland-ratio'] !== undefined ? positiveNumber(values['farmland-ratio'], 'farmland-ratio') : base.farmlandRatio;
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    headlineSize,
    farmlandPerPiece,
    protectionVertices: values.vertices !== undefined ? wholeNumber(values.vertices, 'vertices', 16) : base.vertices,
    seed: values.seed !== undefined ? wholeNumber(values.seed, 'seed', 0) : base.seed,
    repeat: values.repeat !== undefined ? wholeNumber(values.repeat, 'repeat', 1) : base.repeat,
    postgisMaxPieces,
    workDir: resolve(values['work-dir'] ?? resolve(benchDir, '.work')),
    jsonPath: values.json !== undefined ? resolve(values.json) : undefined,
    quick: values.quick ?? false,
    help: values.help ?? false,
  };
}

function wholeNumber(text: string, name: string, min: number): number {
  const n = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < min) throw new BenchUsageError(`--${name} must be a whole number ≥ ${min}, got '${text}'`);
  return n;
}

function positiveNumber(text: string, name: string): number {
  const n = Number(text);
  if (!(n > 0 && Number.isFinite(n))) throw new BenchUsageError(`--${name} must be a positive number, got '${text}'`);
  return n;
}
