// The PostGIS peer of the benchmark on a tiny hand-made county: a few squares and an L-shape in EPSG:4525
// (CGCS2000 / 3-degree GK zone 37, metres) against protection polygons stored in EPSG:4490 (lon/lat).
// Needs PostgreSQL + PostGIS + GDAL; ensurePostgis installs them with apt-get, and fails loudly without apt.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Geodesic, PolygonArea } from 'geographiclib-geodesic';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePostgis, runPostgisOverlay, withThrowawayCluster, type PostgisLayer } from './postgis.ts';

const GK_ZONE_37 = '+proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=37500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const CGCS2000_LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';
/** CGCS2000 ellipsoid: a and f (identical to GRS80's). */
const CGCS2000 = new Geodesic.Geodesic(6378137, 1 / 298.257222101);
/** South-west corner of the test county in EPSG:4525 (≈ 111.2°E, 30°N); shapes below are offsets in metres. */
const ORIGIN = { x: 37_520_000, y: 3_320_000 };

type Ring = [number, number][];
/** Axis-aligned rectangle [x0, x1] × [y0, y1] as a counter-clockwise ring of offsets. */
const rect = (x0: number, x1: number, y0: number, y1: number): Ring => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

const PIECES: { piece: string; detected: number; ring: Ring }[] = [
  { piece: 'A', detected: 1, ring: rect(0, 1000, 0, 1000) },
  { piece: 'B', detected: 1, ring: rect(2000, 3000, 0, 1000) },
  { piece: 'C-L', detected: 1, ring: [[0, 2000], [2000, 2000], [2000, 2500], [500, 2500], [500, 4000], [0, 4000], [0, 2000]] },
  { piece: 'D-far', detected: 1, ring: rect(5000, 6000, 5000, 6000) },
  { piece: 'E-undetected', detected: 0, ring: rect(2600, 2900, -400, -100) }, // inside P3, removed by the filter
];

const PROTECTION: Record<string, Ring[]> = {
  'pf-a': [rect(500, 1500, 500, 1500) /* P1 */, rect(-500, 2500, 2200, 2300) /* P2 */],
  'pf-b': [rect(100, 400, 3000, 3500) /* P4, inside the L's arm */],
  er: [rect(2500, 3500, -500, 500) /* P3 */, rect(900, 2100, 900, 950) /* P5, across A and B */],
};
const KIND_OF: Record<string, string> = { 'pf-a': 'permanent-farmland', 'pf-b': 'permanent-farmland', er: 'ecological-redline' };

/** Overlaps worked out by hand in the projected plane, per layer. */
const EXPECTED_CLIPS: Record<string, Ring[]> = {
  'pf-a': [rect(500, 1000, 500, 1000) /* A∩P1 */, rect(0, 2000, 2200, 2300) /* C∩P2 */],
  'pf-b': [rect(100, 400, 3000, 3500) /* C∩P4 */],
  er: [rect(2500, 3000, 0, 500) /* B∩P3 */, rect(900, 1000, 900, 950) /* A∩P5 */, rect(2000, 2100, 900, 950) /* B∩P5 */],
};

const toLonLat = (ring: Ring): Ring => ring.map(([dx, dy]) => proj4(GK_ZONE_37, CGCS2000_LONLAT, [ORIGIN.x + dx, ORIGIN.y + dy]) as [number, number]);
const toGk = (ring: Ring): Ring => ring.map(([dx, dy]) => [ORIGIN.x + dx, ORIGIN.y + dy]);

/** Geodesic area (m²) of the ring whose projected vertices are joined by geodesics, as PostGIS geography does. */
function geodesicArea(ring: Ring): number {
  const polygon = new PolygonArea.PolygonArea(CGCS2000);
  for (const [lon, lat] of toLonLat(ring).slice(0, -1)) polygon.AddPoint(lat, lon);
  return Math.abs(polygon.Compute(false, true).area ?? NaN);
}

let dir: string;
let changesPath: string;
let layers: PostgisLayer[];

async function writeFgb(name: string, srs: string, features: { properties: Record<string, unknown>; ring: Ring }[]): Promise<string> {
  const geojson = join(dir, `${name}.geojson`);
  const fgb = join(dir, `${name}.fgb`);
  const collection = {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: { type: 'Polygon', coordinates: [f.ring] } })),
  };
  await writeFile(geojson, JSON.stringify(collection));
  execFileSync('ogr2ogr', ['-f', 'FlatGeobuf', '-a_srs', srs, fgb, geojson], { stdio: 'pipe' });
  return fgb;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Command lines of running processes that mention `path` (a leaked postmaster would). */
function processesUsing(path: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(path) && !line.startsWith('ps '));
}

describe('PostGIS peer of the benchmark', () => {
  beforeAll(async () => {
    // Fails (does not skip) with PostgisUnavailableError when PostGIS is missing and apt cannot install it.
    await ensurePostgis();
    dir = await mkdtemp(join(tmpdir(), 'landwatch-postgis-'));
    // mkdtemp makes the directory 0700; when we are root the server runs as 'postgres' and must search it.
    await chmod(dir, 0o711);
    changesPath = await writeFgb('changes', 'EPSG:4525', PIECES.map((p) => ({ properties: { piece: p.piece, detected: p.detected }, ring: toGk(p.ring) })));
    layers = [];
    for (const [id, rings] of Object.entries(PROTECTION)) {
      const path = await writeFgb(id, 'EPSG:4490', rings.map((ring, i) => ({ properties: { name: `${id}-${i}` }, ring: toLonLat(ring) })));
      layers.push({ id, kind: KIND_OF[id], path });
    }
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs SQL in a throwaway cluster on 127.0.0.1 and removes it afterwards, also when the work fails', async () => {
    const workDir = join(dir, 'cluster-only');
    let port = 0;
    const answer = await withThrowawayCluster(workDir, async (conn) => {
      port = conn.port;
      expect(await listening(port)).toBe(true);
      expect((await readdir(workDir)).filter((n) => n.startsWith('pg-cluster-'))).toHaveLength(1);
      return conn.psql(`SHOW listen_addresses; SHOW max_parallel_workers_per_gather; SHOW fsync; CREATE EXTENSION postgis; SELECT srid FROM spatial_ref_sys WHERE srid IN (4490, 4525) ORDER BY srid;`);
    });
    expect(answer.trim().split('\n')).toEqual(['127.0.0.1', '0', 'off', '4490', '4525']);
    expect(await listening(port)).toBe(false);
    expect(await readdir(workDir)).toEqual([]);
    expect(processesUsing(workDir)).toEqual([]);

    await expect(withThrowawayCluster(workDir, (conn) => conn.psql('SELECT no_such_function();'))).rejects.toThrow(/no_such_function/);
    expect(await readdir(workDir)).toEqual([]);
    expect(processesUsing(workDir)).toEqual([]);
  });

  it('overlays the pieces with the protection layers and matches the geodesic areas to 1e-6', async () => {
    const workDir = join(dir, 'overlay');
    const exportPath = join(dir, 'postgis-overlay.fgb');
    const result = await runPostgisOverlay({ changesPath, layers, workDir, pieceFilter: 'detected = 1', exportPath });

    expect(result.version).toMatch(/^POSTGIS="3\./);
    expect(result.pieces).toBe(4);
    expect(result.pairs).toBe(6);

    const expectedByLayer = Object.fromEntries(Object.entries(EXPECTED_CLIPS).map(([id, rings]) => [id, rings.reduce((s, r) => s + geodesicArea(r), 0)]));
    const expectedByKind: Record<string, number> = {};
    for (const [id, area] of Object.entries(expectedByLayer)) expectedByKind[KIND_OF[id]] = (expectedByKind[KIND_OF[id]] ?? 0) + area;
    expect(Object.keys(result.areaByKindM2).sort()).toEqual(Object.keys(expectedByKind).sort());
    expect(Object.keys(result.areaByLayerM2).sort()).toEqual(Object.keys(expectedByLayer).sort());
    for (const [kind, expected] of Object.entries(expectedByKind)) {
      expect(result.areaByKindM2[kind]).toBeGreaterThan(0);
      expect(Math.abs(result.areaByKindM2[kind] / expected - 1), kind).toBeLessThan(1e-6);
    }
    for (const [id, expected] of Object.entries(expectedByLayer)) {
      expect(Math.abs(result.areaByLayerM2[id] / expected - 1), id).toBeLessThan(1e-6);
    }
    // Sanity of the expectation itself: geodesic areas stay within 0.1 % of the planar GK areas here.
    expect(expectedByKind['permanent-farmland'] / (250_000 + 200_000 + 150_000)).toBeCloseTo(1, 3);

    const { load, index, query, endToEnd } = result.seconds;
    expect(endToEnd).toBeCloseTo(load + index + query + result.seconds.export, 9);
    expect(Math.min(load, index, query, result.seconds.export)).toBeGreaterThan(0);

    expect(existsSync(exportPath)).toBe(true);
    const info = execFileSync('ogrinfo', ['-so', '-al', exportPath], { encoding: 'utf8' });
    expect(info).toMatch(/Feature Count: 6\b/);
    expect(info).toMatch(/Geometry: Multi Polygon/);

    expect(await readdir(workDir)).toEqual([]);
    expect(processesUsing(workDir)).toEqual([]);
  });
});
