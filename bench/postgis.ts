// The PostGIS peer of the benchmark: the same overlay (change pieces × protection polygons, geodesic area of
// each intersection) run in a throwaway PostGIS cluster on one core, timed stage by stage.
//
//   load    ogr2ogr of the change layer and of every protection layer (reprojected to the change layer's CRS)
//   index   CREATE INDEX … USING GIST on every table, then ANALYZE
//   query   CREATE TABLE overlay AS … ST_Intersection over ST_Intersects pairs, with
//           ST_Area(ST_Transform(clip, 4490)::geography) per pair, then the totals per layer
//   export  ogr2ogr of the overlay table to FlatGeobuf
//
// Setup (initdb, server start, CREATE EXTENSION, spatial_ref_sys checks) and counting pieces are not timed.
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type ClusterConnection, withThrowawayCluster } from './pg-cluster.ts';
import { runCommand } from './pg-command.ts';

export { ensurePostgis, PostgisUnavailableError } from './pg-install.ts';
export { withThrowawayCluster, ClusterError, type ClusterConnection, type ClusterOptions } from './pg-cluster.ts';

export interface PostgisLayer {
  /** Layer id, copied into the result layer (e.g. `permanent-farmland-2024`). */
  id: string;
  /** Protection kind the areas are summed under (e.g. `permanent-farmland`). */
  kind: string;
  /** FlatGeobuf file of protection polygons, in any CRS GDAL knows (reprojected on load). */
  path: string;
}

export interface PostgisRunOptions {
  /** FlatGeobuf change layer; its CRS (e.g. EPSG:4525) is the working CRS of the run. */
  changesPath: string;
  /** Protection layers to overlay; ids must be unique. */
  layers: PostgisLayer[];
  /** Directory for the throwaway cluster (deleted afterwards) and the default export. */
  workDir: string;
  /**
   * Optional SQL boolean expression selecting the pieces to overlay, evaluated on the `changes` table alone
   * (e.g. `detected = 1`). Column names are the change layer's fields as ogr2ogr laundered them: lower case,
   * with characters other than letters, digits and `_` replaced by `_`. `fid` is the 0-based feature index.
   * Trusted input: it is pasted into the SQL.
   */
  pieceFilter?: string;
  /** Result layer written with ogr2ogr (FlatGeobuf); default `workDir/postgis-overlay.fgb`. Overwritten. */
  exportPath?: string;
  /** TCP port of the throwaway cluster on 127.0.0.1; default: a free port. */
  port?: number;
}

export interface PostgisRunResult {
  /** `postgis_full_version()`. */
  version: string;
  /** Pieces in the change layer after `pieceFilter`. */
  pieces: number;
  /** Piece × protection polygon pairs whose intersection has a polygonal part (rows of the result layer). */
  pairs: number;
  /** Wall-clock seconds per stage; endToEnd = load + index + query + export. */
  seconds: { load: number; index: number; query: number; export: number; endToEnd: number };
  /** Σ ST_Area(ST_Intersection(piece, protection)::geography) per protection kind, m² (0 for no overlap). */
  areaByKindM2: Record<string, number>;
  /** The same per layer id, m². */
  areaByLayerM2: Record<string, number>;
  /** Where the result layer was written. */
  exportPath: string;
}

/** Geographic CRS the clipped pieces are transformed to before ST_Area(geography): CGCS2000. */
const GEOGRAPHIC_SRID = 4490;
/** Inserted into spatial_ref_sys when a PostGIS build lacks EPSG:4490 (the ellipsoid is GRS80's). */
const GEOGRAPHIC_PROJ4 = '+proj=longlat +ellps=GRS80 +no_defs';

export class PostgisOverlayError extends Error {
  override readonly name = 'PostgisOverlayError';
  constructor(
    message: string,
    /** Stage that failed: `input`, `setup`, `load`, `index`, `query`, `export`. */
    readonly step: string,
    /** File involved, if any. */
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Runs the overlay in a throwaway PostGIS cluster and returns timings, counts and areas. */
export async function runPostgisOverlay(opts: PostgisRunOptions): Promise<PostgisRunResult> {
  await validate(opts);
  const workDir = resolve(opts.workDir);
  const exportPath = resolve(opts.exportPath ?? join(workDir, 'postgis-overlay.fgb'));
  await mkdir(workDir, { recursive: true });
  return withThrowawayCluster(workDir, (conn) => overlayInCluster(conn, opts, workDir, exportPath), { port: opts.port });
}

async function validate(opts: PostgisRunOptions): Promise<void> {
  const ids = new Set<string>();
  for (const layer of opts.layers) {
    if (ids.has(layer.id)) throw new PostgisOverlayError(`protection layer id '${layer.id}' is used twice`, 'input', layer.path);
    ids.add(layer.id);
  }
  for (const path of [opts.changesPath, ...opts.layers.map((l) => l.path)]) {
    try {
      await access(path);
    } catch (cause) {
      throw new PostgisOverlayError(`input layer ${path} cannot be read`, 'input', path, { cause });
    }
  }
}

async function overlayInCluster(conn: ClusterConnection, opts: PostgisRunOptions, workDir: string, exportPath: string): Promise<PostgisRunResult> {
  const pg = `PG:${conn.connectionString}`;
  const tables = opts.layers.map((_, i) => `protection_${i}`);

  const version = await step('setup', () => conn.psql('CREATE EXTENSION postgis;\nSELECT postgis_full_version();'));
  await step('setup', () => ensureGeographicSrid(conn));

  let load = await timed(() => step('load', () => loadLayer(pg, opts.changesPath, 'changes', undefined), opts.changesPath));
  const targetSrs = await step('load', () => changeLayerSrs(conn, workDir), opts.changesPath);
  for (const [i, layer] of opts.layers.entries()) {
    load += await timed(() => step('load', () => loadLayer(pg, layer.path, tables[i], targetSrs.ogr), layer.path));
  }

  const index = await timed(() => step('index', () => conn.psql(indexSql(['changes', ...tables]))));

  let totals = '';
  const query = await timed(async () => {
    await step('query', () => conn.psql(overlaySql(opts, tables, targetSrs.srid)));
    totals = await step('query', () => conn.psql(totalsSql()));
  });

  const exportSeconds = await timed(() => step('export', () => exportOverlay(pg, exportPath), exportPath));

  const pieces = Number(await step('query', () => conn.psql(`SELECT count(*) FROM changes WHERE ${filterOf(opts)};`)));
  const { pairs, areaByKindM2, areaByLayerM2 } = parseTotals(totals, opts.layers);
  return {
    version: version.trim(),
    pieces,
    pairs,
    seconds: { load, index, query, export: exportSeconds, endToEnd: load + index + query + exportSeconds },
    areaByKindM2,
    areaByLayerM2,
    exportPath,
  };
}

/** Adds EPSG:4490 to spatial_ref_sys when this PostGIS build lacks it (PostGIS 3.3 on Debian has it). */
async function ensureGeographicSrid(conn: ClusterConnection): Promise<void> {
  await conn.psql(
    `INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)
     SELECT ${GEOGRAPHIC_SRID}, 'EPSG', ${GEOGRAPHIC_SRID}, NULL, ${sqlLiteral(GEOGRAPHIC_PROJ4)}
     WHERE NOT EXISTS (SELECT 1 FROM spatial_ref_sys WHERE srid = ${GEOGRAPHIC_SRID});`,
  );
}

/** ogr2ogr one FlatGeobuf file into a new table: geometry `geom`, no index yet, multi-geometries, fid kept. */
async function loadLayer(pg: string, path: string, table: string, targetSrs: string | undefined): Promise<void> {
  const args = ['-f', 'PostgreSQL', pg, path, '-nln', table, '-nlt', 'PROMOTE_TO_MULTI', '-preserve_fid', '-gt', 'unlimited'];
  args.push('-lco', 'GEOMETRY_NAME=geom', '-lco', 'SPATIAL_INDEX=NONE', '-lco', 'FID=fid');
  if (targetSrs) args.push('-t_srs', targetSrs);
  await runCommand('ogr2ogr', args, { env: { PG_USE_COPY: 'YES' } });
}

/** The change layer's SRID in PostGIS and how to name its CRS to ogr2ogr's -t_srs. */
async function changeLayerSrs(conn: ClusterConnection, workDir: string): Promise<{ srid: number; ogr: string }> {
  const row = await conn.psql(
    `SELECT s.srid, coalesce(s.auth_name, ''), coalesce(s.auth_srid, 0), coalesce(s.srtext, '')
     FROM spatial_ref_sys s WHERE s.srid = Find_SRID('public', 'changes', 'geom');`,
  );
  const [srid, authName, authSrid, ...wkt] = row.trim().split('|');
  if (!srid || Number(srid) === 0) throw new Error('the change layer has no CRS (SRID 0); the overlay needs a projected CRS such as EPSG:4525');
  if (authName.toUpperCase() === 'EPSG' && Number(authSrid) > 0) return { srid: Number(srid), ogr: `EPSG:${authSrid}` };
  const wktPath = join(workDir, 'changes-crs.wkt');
  await writeFile(wktPath, wkt.join('|'));
  return { srid: Number(srid), ogr: wktPath };
}

function indexSql(tables: readonly string[]): string {
  const indexes = tables.map((t) => `CREATE INDEX ${t}_geom_gist ON ${t} USING GIST (geom);`);
  const analyze = tables.map((t) => `ANALYZE ${t};`);
  return [...indexes, ...analyze].join('\n');
}

function filterOf(opts: PostgisRunOptions): string {
  return opts.pieceFilter?.trim() ? `(${opts.pieceFilter})` : 'true';
}

/** One CREATE TABLE AS over all layers; empty and non-polygonal (touching) intersections are dropped. */
function overlaySql(opts: PostgisRunOptions, tables: readonly string[], srid: number): string {
  const perLayer = opts.layers.map(
    (layer, i) => `
  SELECT c.fid AS piece_fid, ${i} AS layer_index, ${sqlLiteral(layer.id)}::text AS layer_id, ${sqlLiteral(layer.kind)}::text AS kind,
         p.fid AS protection_fid, ST_Multi(ST_CollectionExtract(ST_Intersection(c.geom, p.geom), 3)) AS geom
  FROM (SELECT * FROM changes WHERE ${filterOf(opts)}) c
  JOIN ${tables[i]} p ON ST_Intersects(c.geom, p.geom)`,
  );
  const union = perLayer.length > 0 ? perLayer.join('\n  UNION ALL') : `SELECT NULL::bigint, 0, NULL::text, NULL::text, NULL::bigint, NULL::geometry WHERE false`;
  return `SET max_parallel_workers_per_gather = 0;
CREATE TABLE overlay AS
SELECT x.piece_fid, x.layer_index, x.layer_id, x.kind, x.protection_fid,
       x.geom::geometry(MultiPolygon, ${srid}) AS geom,
       ST_Area(ST_Transform(x.geom, ${GEOGRAPHIC_SRID})::geography) AS area_m2
FROM (${union}
) x
WHERE NOT ST_IsEmpty(x.geom);`;
}

function totalsSql(): string {
  return 'SELECT layer_index, count(*), sum(area_m2) FROM overlay GROUP BY layer_index ORDER BY layer_index;';
}

function parseTotals(totals: string, layers: readonly PostgisLayer[]): Pick<PostgisRunResult, 'pairs' | 'areaByKindM2' | 'areaByLayerM2'> {
  const areaByKindM2: Record<string, number> = {};
  const areaByLayerM2: Record<string, number> = {};
  for (const layer of layers) {
    areaByKindM2[layer.kind] = 0;
    areaByLayerM2[layer.id] = 0;
  }
  let pairs = 0;
  for (const line of totals.split('\n').filter((l) => l.trim())) {
    const [index, count, area] = line.split('|').map(Number);
    const layer = layers[index];
    pairs += count;
    areaByLayerM2[layer.id] += area;
    areaByKindM2[layer.kind] += area;
  }
  return { pairs, areaByKindM2, areaByLayerM2 };
}

async function exportOverlay(pg: string, exportPath: string): Promise<void> {
  await rm(exportPath, { force: true });
  await runCommand('ogr2ogr', ['-f', 'FlatGeobuf', exportPath, pg, 'overlay', '-nln', 'postgis_overlay', '-lco', 'SPATIAL_INDEX=YES']);
}

function sqlLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/** Runs one stage, wrapping its failure in a PostgisOverlayError that names the stage and file. */
async function step<T>(name: string, work: () => Promise<T>, file?: string): Promise<T> {
  try {
    return await work();
  } catch (cause) {
    if (cause instanceof PostgisOverlayError) throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new PostgisOverlayError(`PostGIS ${name} failed${file ? ` for ${file}` : ''}: ${detail}`, name, file, { cause });
  }
}
