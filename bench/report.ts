// The benchmark report: plain text with Markdown tables, ending with the one headline line a script reads.
import type { BenchOptions } from './bench-options.ts';
import { headlineLine, laneSpeedup, scientific, worstRelDiff, type Headline } from './compare.ts';
import type { LandwatchRun } from './landwatch-runner.ts';
import { SLIVER_M2 } from './overlap-areas.ts';
import { machineLines, type Machine } from './machine.ts';
import { workersForLanes, workersKey, type SizeResult } from './measure-size.ts';
import type { PostgisSide } from './postgis-side.ts';
import { formatTable, type Cell } from './table.ts';

/** Best (minimum) of each LandWatch figure over the repetitions of one configuration. */
export interface LandwatchBest {
  endToEndSeconds: number;
  /** The detect stage (read tile, classify, repair, overlay, area; wall time): LandWatch's overlay. */
  overlaySeconds: number;
  cpuSeconds: number | undefined;
  /** Largest peak RSS over the repetitions (worst case, not best). */
  peakRssBytes: number;
  /** The repetition with the best end-to-end time (its stage breakdown is shown). */
  fastest: LandwatchRun;
}

export interface PostgisBest {
  endToEndSeconds: number;
  /** The query stage: ST_Intersects join, ST_Intersection, ST_Area(geography), CREATE TABLE, totals. */
  overlaySeconds: number;
  fastest: PostgisSide;
}

export function bestLandwatch(runs: readonly LandwatchRun[]): LandwatchBest {
  const fastest = runs.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a));
  const cpu = runs.map((r) => r.cpuSeconds).filter((c): c is number => c !== undefined);
  return {
    endToEndSeconds: Math.min(...runs.map((r) => r.wallSeconds)),
    overlaySeconds: Math.min(...runs.map((r) => r.stats.timings.tilesMs / 1000)),
    cpuSeconds: cpu.length > 0 ? Math.min(...cpu) : undefined,
    peakRssBytes: Math.max(...runs.map((r) => r.stats.peakRssBytes)),
    fastest,
  };
}

export function bestPostgis(runs: readonly PostgisSide[]): PostgisBest {
  const fastest = runs.reduce((a, b) => (b.result.seconds.endToEnd < a.result.seconds.endToEnd ? b : a));
  return {
    endToEndSeconds: fastest.result.seconds.endToEnd,
    overlaySeconds: Math.min(...runs.map((r) => r.result.seconds.query)),
    fastest,
  };
}

/** Two lanes over one at the largest size: detect-stage wall times, best of each configuration's runs. */
export function laneSpeedupOf(results: readonly SizeResult[]): { speedup: number; pieces: number } | undefined {
  const size = results.reduce<SizeResult | undefined>((a, b) => (a === undefined || b.pieces > a.pieces ? b : a), undefined);
  if (!size) return undefined;
  const detectMs = (lanes: number) => {
    const key = workersKey(size, workersForLanes(lanes));
    return key === undefined ? undefined : bestLandwatch(size.landwatch[key]).overlaySeconds * 1000;
  };
  const speedup = laneSpeedup(detectMs(1), detectMs(2));
  return speedup === undefined ? undefined : { speedup, pieces: size.pieces };
}

/** The headline: the default configuration at the headline size against PostGIS there, and the lane speed-up. */
export function headlineOf(results: readonly SizeResult[], opts: BenchOptions): Headline | undefined {
  const size = results.find((r) => r.pieces === opts.headlineSize);
  const lanes = laneSpeedupOf(results);
  if (!size || size.postgis.length === 0 || !size.areas || !lanes) return undefined;
  const lw = bestLandwatch(size.landwatch.default);
  const pg = bestPostgis(size.postgis);
  return {
    endToEndRatio: pg.endToEndSeconds / lw.endToEndSeconds,
    overlayRatio: pg.overlaySeconds / lw.overlaySeconds,
    areaRelDiff: worstRelDiff(size.areas),
    pieces: size.pieces,
    laneSpeedup: lanes.speedup,
    lanePieces: lanes.pieces,
  };
}

export function formatReport(results: readonly SizeResult[], opts: BenchOptions, machine: Machine, startedAt: number): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const headline = results.find((r) => r.pieces === opts.headlineSize);
  const version = results.flatMap((r) => r.postgis)[0]?.result.version;

  push('# LandWatch vs PostGIS: overlay benchmark', '', ...machineLines(machine));
  if (version) push(`PostGIS      ${version}`);
  push(
    `data         generator seed ${opts.seed}; permanent-farmland polygons = ${opts.farmlandPerPiece} × pieces; ~${opts.protectionVertices} vertices per protection polygon (×0.6–1.8, with holes); 9 protection layers; 0 invalid geometries`,
    `method       LandWatch: \`landwatch run\` (built CLI) as a child process, end to end = spawn to exit; overlay = its detect stage (wall).`,
    `             PostGIS: one core (max_parallel_workers_per_gather = 0), end to end = load + index + query + export; overlay = the query.`,
    `             Both overlay the same pieces: LandWatch's detections (PostGIS gets \`bsm IN (…)\` of detections.csv piece_id).`,
    `             Headline and largest size: best of ${opts.repeat}, LandWatch configurations and PostGIS interleaved per repetition; other sizes: one run each.`,
    `             Result files are checksummed after each run (identical over all runs of a size), areas measured after the clocks stopped.`,
  );

  if (headline) push('', ...headlineSection(headline, opts));
  push('', ...growthSection(results));
  push('', ...lanesSection(results));
  push('', ...spreadSection(results));
  const h = headlineOf(results, opts);
  push('', `bench finished in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
  if (h) push(headlineLine(h));
  return out.join('\n');
}

function headlineSection(size: SizeResult, opts: BenchOptions): string[] {
  const lines: string[] = [];
  const pg = size.postgis.length > 0 ? bestPostgis(size.postgis) : undefined;
  lines.push(
    `## ${size.pieces} change pieces, ${size.farmlandPolygons} permanent-farmland polygons (best of ${opts.repeat})`,
    '',
    `Overlaid on both sides: ${size.overlaidPieces} detected pieces (耕地 conversions) of ${size.pieces}. LandWatch also reads, validates and classifies all ${size.pieces}.`,
    'pieces/s = overlaid pieces per second; ×PostGIS = PostGIS seconds / LandWatch seconds (higher is better for LandWatch).',
    '',
  );
  const rows: Cell[][] = [];
  for (const config of size.configs) {
    const lw = bestLandwatch(size.landwatch[config.key]);
    rows.push([
      `LandWatch ${config.label}`,
      lw.endToEndSeconds,
      size.overlaidPieces / lw.endToEndSeconds,
      lw.overlaySeconds,
      size.overlaidPieces / lw.overlaySeconds,
      pg ? `${(pg.endToEndSeconds / lw.endToEndSeconds).toFixed(2)}×` : '—',
      pg ? `${(pg.overlaySeconds / lw.overlaySeconds).toFixed(2)}×` : '—',
      lw.cpuSeconds ?? '—',
      Math.round(lw.peakRssBytes / 1024 / 1024),
    ]);
  }
  if (pg) {
    rows.push(['PostGIS, 1 core', pg.endToEndSeconds, size.overlaidPieces / pg.endToEndSeconds, pg.overlaySeconds, size.overlaidPieces / pg.overlaySeconds, '1.00×', '1.00×', '—', '—']);
  }
  lines.push(formatTable(['side', 'end-to-end s', 'pieces/s', 'overlay s', 'overlay pieces/s', 'e2e ×PostGIS', 'overlay ×PostGIS', 'CPU s', 'peak RSS MiB'], rows));

  if (pg) {
    lines.push('', 'Clip + area alone (LandWatch\'s tile stages timed around the clipping and the area sums, summed over worker threads;');
    lines.push('no reading, decoding, validation or classification) against the PostGIS query:', '');
    const clipRows: Cell[][] = size.configs.map((config) => {
      const t = bestLandwatch(size.landwatch[config.key]).fastest.stats.timings;
      const seconds = (t.tileOverlayMs + t.tileAreaMs) / 1000;
      return [config.label, seconds, `${(pg.overlaySeconds / seconds).toFixed(2)}×`];
    });
    lines.push(formatTable(['configuration', 'clip + area s', '×PostGIS query'], clipRows));
    const s = pg.fastest.result.seconds;
    lines.push('', 'PostGIS stages (its fastest run), seconds:', '', formatTable(['load', 'index', 'query', 'export', 'end to end'], [[s.load, s.index, s.query, s.export, s.endToEnd]]));
  }

  lines.push('', 'LandWatch breakdown (each configuration\'s fastest run), ms. read/classify/repair/overlay/area are summed over worker threads;', 'the other stages are wall time of the main thread.', '');
  const breakdown: Cell[][] = size.configs.map((config) => {
    const run = bestLandwatch(size.landwatch[config.key]).fastest;
    const t = run.stats.timings;
    return [config.label, t.validateMs, t.planMs, t.tilesMs, t.tileReadMs, t.tileClassifyMs, t.tileRepairMs, t.tileOverlayMs, t.tileAreaMs, t.mergeMs, t.writeMs, t.totalMs, run.wallSeconds * 1000];
  });
  lines.push(formatTable(['configuration', 'validate', 'plan', 'detect (wall)', 'read', 'classify', 'repair', 'overlay', 'area', 'merge', 'write', 'total', 'process'], breakdown, { decimals: 0 }));

  lines.push('', ...pairsLines(size));
  if (size.areas) lines.push('', ...areaLines(size));
  return lines;
}

function pairsLines(size: SizeResult): string[] {
  const lines = [`Pairs: LandWatch ${size.ours.pieceLayerPairs} (piece, layer) overlaps in overlaps.fgb (all candidates of a layer clipped at once, slivers < ${SLIVER_M2} m² dropped)`];
  const pg = size.postgis[0];
  if (pg) {
    const e = pg.exported;
    lines.push(`       PostGIS ${e.piecePolygonPairs} (piece, polygon) rows = ${e.pieceLayerPairs} distinct (piece, layer) pairs, ${e.pieceLayerPairsAboveSliver} of them ≥ ${SLIVER_M2} m²`);
  }
  return lines;
}

function areaLines(size: SizeResult): string[] {
  const rows: Cell[][] = (size.areas ?? []).map((a) => [
    a.kind,
    a.postgisGeodesicM2.toFixed(3),
    a.ourGeodesicM2.toFixed(3),
    scientific(a.geodesicRelDiff),
    a.ourOfficialM2.toFixed(3),
    a.ourReportedM2.toFixed(2),
    a.ourGeodesicM2 === 0 ? '—' : `${(a.officialVsGeodesic * 1e6).toFixed(3)}`,
  ]);
  return [
    'Overlap area per protection kind, m². Like with like: PostGIS ST_Area(geography) (WGS84/GRS80-geodesic edges) vs GeographicLib',
    'geodesic area of our clipped geometries (CGCS2000 = GRS80 ellipsoid). Official = docs/LAND-SURVEY.md, "Official area" (straight Gauss-plane edges,',
    '70 m densification, coordinate rounding) on the same geometries; reported = what the run wrote (Σ of per-overlap areas to 0.01 m²).',
    '',
    formatTable(['kind', 'PostGIS geodesic', 'ours geodesic', 'rel diff', 'ours official', 'reported', 'official − geodesic, ppm'], rows),
    '',
    `worst relative difference, geodesic vs geodesic: ${scientific(worstRelDiff(size.areas ?? []))}`,
  ];
}

function growthSection(results: readonly SizeResult[]): string[] {
  const rows: Cell[][] = results.map((size) => {
    const lw = bestLandwatch(size.landwatch.default);
    const pg = size.postgis.length > 0 ? bestPostgis(size.postgis) : undefined;
    return [
      size.pieces,
      size.farmlandPolygons,
      size.overlaidPieces,
      size.ours.pieceLayerPairs,
      lw.endToEndSeconds,
      lw.overlaySeconds,
      (lw.endToEndSeconds / size.pieces) * 1e6,
      Math.round(lw.peakRssBytes / 1024 / 1024),
      pg ? pg.endToEndSeconds : '—',
      pg ? pg.overlaySeconds : '—',
      pg ? `${(pg.endToEndSeconds / lw.endToEndSeconds).toFixed(2)}×` : 'not run',
      pg ? `${(pg.overlaySeconds / lw.overlaySeconds).toFixed(2)}×` : 'not run',
      size.areas ? scientific(worstRelDiff(size.areas)) : '—',
    ];
  });
  return [
    '## Growth with size (LandWatch default configuration; best of the runs: one run per size except the headline and the largest size)',
    '',
    formatTable(
      ['pieces', 'farmland', 'overlaid', 'LW pairs', 'LW e2e s', 'LW overlay s', 'LW µs/piece', 'LW peak RSS MiB', 'PG e2e s', 'PG overlay s', 'e2e ×PG', 'overlay ×PG', 'area rel diff'],
      rows,
    ),
  ];
}

function lanesSection(results: readonly SizeResult[]): string[] {
  const lanes = laneSpeedupOf(results);
  const size = results.find((r) => r.pieces === lanes?.pieces);
  if (!lanes || !size) return ['## Lanes: not measured'];
  const row = (n: number): Cell[] => {
    const lw = bestLandwatch(size.landwatch[workersKey(size, workersForLanes(n))!]);
    return [`${n} lane${n === 1 ? '' : 's'} (--workers ${workersForLanes(n)})`, lw.overlaySeconds, size.pieces / lw.overlaySeconds, lw.endToEndSeconds, Math.round(lw.peakRssBytes / 1024 / 1024)];
  };
  return [
    `## Lanes at ${size.pieces} pieces (the largest size run): detect stage, best of the runs`,
    '',
    formatTable(['lanes', 'detect s', 'pieces/s', 'end-to-end s', 'peak RSS MiB'], [row(1), row(2)]),
    '',
    `2-lane speed-up: ${lanes.speedup.toFixed(2)}× (detect-stage throughput of two lanes over one)`,
  ];
}

function spreadSection(results: readonly SizeResult[]): string[] {
  const lines = ['## Every timed run (end-to-end seconds, in order; the spread shows the machine\'s noise)', ''];
  for (const size of results) {
    for (const config of size.configs) {
      lines.push(`${size.pieces} LandWatch ${config.label}: ${size.landwatch[config.key].map((r) => r.wallSeconds.toFixed(2)).join(', ')}`);
    }
    if (size.postgis.length > 0) lines.push(`${size.pieces} PostGIS: ${size.postgis.map((p) => p.result.seconds.endToEnd.toFixed(2)).join(', ')} (query ${size.postgis.map((p) => p.result.seconds.query.toFixed(2)).join(', ')})`);
  }
  return lines;
}
