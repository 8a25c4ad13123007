// Micro-benchmark of the overlay stage on realistic seeded data: pairs/s for relate, the clipper2 and GEOS
// engines and turf's intersect, clipToLayer per piece, repairGeometry on valid pieces, and the largest area
// difference between clipper2 and GEOS. Run: npx tsx packages/core/bench/overlay.bench.ts [pieces]
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
  bboxIntersects, bboxOf, clipToLayer, clipperEngine, createGeosEngine, planarAreaOf, polygonCount, relate, repairGeometry, toNested, vertexCount,
} from '../src/geometry/index.ts';
import { geosToMultiPolygon, multiPolygonToGeos } from '../src/geometry/geos-convert.ts';
import { loadGeos } from '../src/geometry/geos-engine.ts';
import type { MultiPolygon, Position } from '../src/types.ts';
import { GK_ORIGIN, farmlandPiece, protectionPolygon, seededRandom } from '../test/fixtures/geometry/random-polygons.ts';

const PIECES = Number(process.argv[2] ?? 1500);
const TURF_PAIRS = 150;
const TURF_BUDGET_MS = 60_000;

interface Pair {
  piece: MultiPolygon;
  other: MultiPolygon;
}

// ---- data: a 20 km × 20 km county, protection polygons on a jittered lattice, pieces scattered over it ------
function county(seed: number): { pieces: MultiPolygon[]; protections: MultiPolygon[] } {
  const rng = seededRandom(seed);
  const protections: MultiPolygon[] = [];
  for (let i = 0; i < 12; i++) {
    for (let j = 0; j < 12; j++) {
      const c: Position = [GK_ORIGIN[0] + i * 1700 + rng() * 400, GK_ORIGIN[1] + j * 1700 + rng() * 400];
      protections.push(protectionPolygon(rng, c, 'millimetre'));
    }
  }
  const pieces: MultiPolygon[] = [];
  for (let k = 0; k < PIECES; k++) {
    const c: Position = [GK_ORIGIN[0] + rng() * 20_000, GK_ORIGIN[1] + rng() * 20_000];
    pieces.push(farmlandPiece(rng, c, 'millimetre'));
  }
  return { pieces, protections };
}

const { pieces, protections } = county(20261122);
const protectionBoxes = protections.map((p) => bboxOf(p));
const candidatesOf = pieces.map((piece) => {
  const box = bboxOf(piece);
  return protections.filter((_, i) => bboxIntersects(box, protectionBoxes[i]));
});
const pairs: Pair[] = [];
pieces.forEach((piece, i) => {
  for (const other of candidatesOf[i]) pairs.push({ piece, other });
});

const vertices = vertexCount;
const relations = { inside: 0, outside: 0, crossing: 0 };
for (const { piece, other } of pairs) relations[relate(piece, other)]++;
const crossing = pairs.filter(({ piece, other }) => relate(piece, other) === 'crossing');

// ---- timing --------------------------------------------------------------------------------------------------
let sink = 0;

/** CPU milliseconds of this process: steadier than wall time on a machine shared with other jobs. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs f over items (after a warm-up pass) for at least minMs of CPU time; returns items per CPU second. */
function rate<T>(items: T[], f: (item: T) => number, minMs = 1500): number {
  for (const item of items.slice(0, Math.min(items.length, 200))) sink += f(item);
  let n = 0;
  const t0 = cpuMs();
  let t = t0;
  do {
    for (const item of items) sink += f(item);
    n += items.length;
    t = cpuMs();
  } while (t - t0 < minMs);
  return (n * 1000) / (t - t0);
}

const rows: [string, string, number][] = [];
const geos = await createGeosEngine();

rows.push(['relate', `all ${pairs.length} pairs`, rate(pairs, ({ piece, other }) => relate(piece, other).length)]);
rows.push(['clipper2 intersect', `all ${pairs.length} pairs`, rate(pairs, ({ piece, other }) => polygonCount(clipperEngine.intersect(piece, [other])))]);
rows.push(['geos intersect', `all ${pairs.length} pairs`, rate(pairs, ({ piece, other }) => polygonCount(geos.intersect(piece, [other])))]);
rows.push(['relate', `${crossing.length} crossing pairs`, rate(crossing, ({ piece, other }) => relate(piece, other).length)]);
rows.push(['clipper2 intersect', `${crossing.length} crossing pairs`, rate(crossing, ({ piece, other }) => polygonCount(clipperEngine.intersect(piece, [other])))]);
rows.push(['geos intersect', `${crossing.length} crossing pairs`, rate(crossing, ({ piece, other }) => polygonCount(geos.intersect(piece, [other])))]);
// GEOS as a production engine would use it: each protection polygon converted once (cached), cut to the
// piece's box with GEOSClipByRect, then intersected.
const geosModule = await loadGeos();
const converted = new Map<MultiPolygon, number>();
function geosCachedIntersect(piece: MultiPolygon, other: MultiPolygon): MultiPolygon {
  let o = converted.get(other);
  if (o === undefined) converted.set(other, (o = multiPolygonToGeos(geosModule, other)));
  const b = bboxOf(piece);
  const s = multiPolygonToGeos(geosModule, piece);
  const cut = geosModule.GEOSClipByRect(o, b.minX, b.minY, b.maxX, b.maxY);
  const r = geosModule.GEOSIntersection(s, cut);
  const out = geosToMultiPolygon(geosModule, r);
  for (const g of [s, cut, r]) geosModule.GEOSGeom_destroy(g);
  return out;
}
rows.push(['geos intersect, cached + GEOSClipByRect', `${crossing.length} crossing pairs`, rate(crossing, ({ piece, other }) => polygonCount(geosCachedIntersect(piece, other)))]);
for (const g of converted.values()) geosModule.GEOSGeom_destroy(g);

const withCandidates = pieces.map((piece, i) => ({ piece, candidates: candidatesOf[i] })).filter((p) => p.candidates.length > 0);
rows.push(['clipToLayer (clipper2)', `${withCandidates.length} pieces, ${pairs.length} pairs`, rate(withCandidates, ({ piece, candidates }) => polygonCount(clipToLayer(piece, candidates).clipped))]);
rows.push(['clipToLayer (geos)', `${withCandidates.length} pieces, ${pairs.length} pairs`, rate(withCandidates, ({ piece, candidates }) => polygonCount(clipToLayer(piece, candidates, geos).clipped))]);
rows.push(['repairGeometry (valid)', `${pieces.length} pieces`, rate(pieces, (piece) => (repairGeometry(piece).ok ? 1 : 0))]);

// ---- turf (polyclip-ts), in a worker that is stopped if it hangs --------------------------------------------
const turfPairs = crossing.slice(0, TURF_PAIRS);
const turfResult = await new Promise<{ rate: number; failures: number } | string>((resolve) => {
  const turfPath = createRequire(import.meta.url).resolve('@turf/turf');
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const turf = require(workerData.turfPath);
     let failures = 0, sink = 0;
     const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
     const t0 = cpu();
     for (const { piece, other } of workerData.pairs) {
       try {
         const r = turf.intersect(turf.featureCollection([turf.multiPolygon(piece), turf.multiPolygon(other)]));
         sink += r ? 1 : 0;
       } catch { failures++; }
     }
     parentPort.postMessage({ rate: workerData.pairs.length * 1000 / (cpu() - t0), failures, sink });`,
    { eval: true, workerData: { turfPath, pairs: turfPairs.map(({ piece, other }) => ({ piece: toNested(piece), other: toNested(other) })) } },
  );
  const timer = setTimeout(() => {
    void worker.terminate();
    resolve(`did not finish ${turfPairs.length} pairs in ${TURF_BUDGET_MS / 1000} s`);
  }, TURF_BUDGET_MS);
  worker.on('message', (m: { rate: number; failures: number }) => {
    clearTimeout(timer);
    void worker.terminate();
    resolve(m);
  });
  worker.on('error', (e) => {
    clearTimeout(timer);
    resolve(`failed: ${e.message}`);
  });
});

// ---- accuracy against GEOS -----------------------------------------------------------------------------------
let maxAbs = 0;
let maxRel = 0;
for (const { piece, other } of pairs) {
  const a = planarAreaOf(clipperEngine.intersect(piece, [other]));
  const b = planarAreaOf(geos.intersect(piece, [other]));
  maxAbs = Math.max(maxAbs, Math.abs(a - b));
  maxRel = Math.max(maxRel, Math.abs(a - b) / planarAreaOf(piece));
}
geos.dispose();

// ---- report ----------------------------------------------------------------------------------------------------
const pieceVertices = pieces.map(vertices);
const protVertices = protections.map(vertices);
console.log(`data: ${pieces.length} pieces (${Math.min(...pieceVertices)}–${Math.max(...pieceVertices)} vertices), ` +
  `${protections.length} protection polygons (${Math.min(...protVertices)}–${Math.max(...protVertices)} vertices, with holes), GK metres`);
console.log(`pairs with overlapping boxes: ${pairs.length} — inside ${relations.inside}, outside ${relations.outside}, crossing ${relations.crossing}`);
console.log('');
console.log('| operation | data | pairs per CPU second (pieces for clipToLayer, repair) |');
console.log('|---|---|---:|');
for (const [op, data, r] of rows) console.log(`| ${op} | ${data} | ${Math.round(r).toLocaleString('en')} |`);
if (typeof turfResult === 'string') console.log(`| turf intersect (polyclip-ts) | ${turfPairs.length} crossing pairs | ${turfResult} |`);
else console.log(`| turf intersect (polyclip-ts) | ${turfPairs.length} crossing pairs (${turfResult.failures} threw) | ${Math.round(turfResult.rate).toLocaleString('en')} |`);
console.log('');
console.log(`clipper2 vs GEOS over ${pairs.length} pairs: largest |Δarea| = ${maxAbs.toExponential(2)} m², largest relative to the piece = ${maxRel.toExponential(2)}`);
console.log(`(checksum ${sink % 1000})`);
