// The projection: a 2 M-piece province at 200 concurrent detect-tile Lambdas, on paper, from the measured numbers
// (docs/SCALE.md explains the model and where each assumption comes from).
import { DEFAULT_TILE_MAX_FEATURES } from '@landwatch/pipeline';
import type { Report } from './child.ts';
import { f0, f1, f2, f3, log, median, table } from './format.ts';
import { MB } from './process-facts.ts';

/** Assumptions of the projection (docs/SCALE.md says where each comes from). */
export const ASSUME = {
  /** Pieces in the province. */
  provincePieces: 2_000_000,
  /** County uploads the province arrives in (a county is the delivery unit): 20 000 pieces each. */
  counties: 100,
  /** Pieces per tile: the pipeline's default (2000). */
  tileSize: DEFAULT_TILE_MAX_FEATURES,
  /** maxConcurrency of the detect-tile event source. */
  concurrency: 200,
  /** SQS event source scaling (AWS Lambda docs): 5 concurrent invocations at first, then up to 300 more a minute. */
  rampStart: 5,
  rampPerMinute: 300,
  /** Lambda arm64 (Graviton2, 1769 MB = 1 vCPU) CPU time ÷ this machine's CPU time. */
  cpuFactor: { low: 1.5, central: 2.0, high: 2.5 },
  /** In-region S3 (and SQS) latency per request, ms. */
  requestMs: { low: 20, central: 30, high: 50 },
  /** Single-stream S3 throughput from one Lambda, MB/s (10^6 B). */
  s3Mbps: 50,
  /** Cold start beyond the measured Node + bundle load (runtime start, code download), ms. */
  coldExtraMs: 300,
  /** Requests the measurements do not see (the port's store requests and reads are measured): ingest's upload
   * HEAD, tile-job batches and run event; finalize's alert sends and run event. */
  ingestUnmeasuredRequests: 2,
  finalizeUnmeasuredRequests: 2,
  memoryMB: { detect: 1769, ingest: 3008, finalize: 3008, lambdaMax: 10240 },
  timeoutS: { detect: 120, ingest: 300, finalize: 300, lambdaMax: 900 },
  /** Ephemeral storage of ingest, GB (billed beyond 0.5 GB). */
  ingestEphemeralGB: 10,
  /** USD list prices, us-east-1, as known in 2025 (no network here to re-check). */
  price: {
    lambdaArmGbSecond: 0.0000133334,
    lambdaRequest: 0.2 / 1e6,
    lambdaEphemeralGbSecond: 0.0000000309,
    sqsStandardRequest: 0.4 / 1e6,
    sqsFifoRequest: 0.5 / 1e6,
    s3PutListRequest: 0.005 / 1000,
    s3GetHeadRequest: 0.0004 / 1000,
    s3GbMonth: 0.023,
  },
};

const requests = (s: Report) => s.get + s.put + s.head + s.list;

interface Measured {
  tileColdCpuMs: number;
  tileWarmCpuMs: number;
  /** byte-source GETs of one tile */
  tileGets: number;
  /** store requests of one tile: GET/HEAD-priced, PUT/LIST-priced */
  tileStoreGets: number;
  tileStorePuts: number;
  tileSerialRequests: number;
  tilePathBytes: number;
  tileBytes: number;
  tileOutBytes: number;
  tilePeakRssMB: number;
  initCpuMs: number;
  bytesPerPiece: number;
  ingestCpuPerPiece: number;
  ingestMarginalCpuPerPiece: number;
  /** requests of ingest (reads of the upload and the port's store) at `pieces`, linear between the two counties */
  ingestRequestsAt: (pieces: number) => number;
  ingestPuts: number;
  indexCpuPerPiece: number;
  indexMarginalCpuPerPiece: number;
  finalizeCpuPerPiece: number;
  /** finalize's store requests besides one GET per tile result */
  finalizeFixedRequests: number;
  finalizePuts: number;
  finalizeRssMB: number;
  finalizeRssPerPieceMB: number;
  tileJsonBytesPerPiece: number;
  resultBytesPerPiece: number;
}

export function measured(r: Report): Measured | undefined {
  const tiles: Report[] = r.tiles.filter((t: Report) => t.size === ASSUME.tileSize);
  const [im, is] = [r.ingest.main, r.ingest.small];
  const [um, us] = [r.ingest['unindexed-main'], r.ingest['unindexed-small']];
  const [fm, fs] = [r.finalize.main, r.finalize.small];
  if (tiles.length === 0 || !im || !is || !fm || !fs) return undefined;
  const m = (f: (t: Report) => number) => median(tiles.map(f));
  const pieces = im.pieces;
  const dPieces = im.pieces - is.pieces;
  const ingestRequests = (x: Report) => x.gets + requests(x.store);
  return {
    tileColdCpuMs: m((t) => t.totalCpuMs),
    tileWarmCpuMs: m((t) => t.warm.cpuMs),
    tileGets: m((t) => t.gets.total),
    tileStoreGets: m((t) => t.store.get + t.store.head),
    tileStorePuts: m((t) => t.store.put + t.store.list),
    tileSerialRequests: m((t) => t.criticalPath.requests),
    tilePathBytes: m((t) => t.criticalPath.bytes),
    tileBytes: m((t) => t.bytesFetched),
    tileOutBytes: m((t) => t.resultBytes),
    tilePeakRssMB: Math.max(...tiles.map((t) => t.peakColdRssMB)),
    initCpuMs: median(r.tiles.map((t: Report) => t.initCpuMs)),
    bytesPerPiece: im.fileBytes / pieces,
    ingestCpuPerPiece: im.cpuMs / pieces,
    ingestMarginalCpuPerPiece: (im.cpuMs - is.cpuMs) / dPieces,
    ingestRequestsAt: (n) => ingestRequests(im) + ((n - pieces) * (ingestRequests(im) - ingestRequests(is))) / dPieces,
    ingestPuts: im.store.put + im.store.list,
    // an unindexed upload costs its ingest plus the indexed copy: the difference is the copy
    indexCpuPerPiece: um ? (um.cpuMs - im.cpuMs) / pieces : NaN,
    indexMarginalCpuPerPiece: um && us ? (um.cpuMs - im.cpuMs - (us.cpuMs - is.cpuMs)) / dPieces : NaN,
    finalizeCpuPerPiece: fm.cpuMs / pieces,
    finalizeFixedRequests: requests(fm.store) - fm.tiles,
    finalizePuts: fm.store.put + fm.store.list,
    finalizeRssMB: fm.peakRssMB,
    finalizeRssPerPieceMB: (fm.peakRssMB - fs.peakRssMB) / (pieces - fs.pieces),
    tileJsonBytesPerPiece: fm.tileResultBytes / pieces,
    resultBytesPerPiece: fm.outBytes / pieces,
  };
}

/** Tiles through `slots` Lambdas that come online as the SQS event source scales; returns the last finish, ms. */
function simulateDetect(tiles: number, firstMs: number, warmMs: number, ramp: boolean): { wallMs: number; environments: number } {
  const A = ASSUME;
  const slots = Array.from({ length: A.concurrency }, (_, k) => ({
    free: !ramp || k < A.rampStart ? 0 : ((k - A.rampStart + 1) * 60_000) / A.rampPerMinute,
    used: false,
  }));
  let wallMs = 0;
  for (let i = 0; i < tiles; i++) {
    let best = slots[0];
    for (const s of slots) if (s.free < best.free) best = s;
    best.free += best.used ? warmMs : firstMs;
    best.used = true;
    wallMs = Math.max(wallMs, best.free);
  }
  return { wallMs, environments: slots.filter((s) => s.used).length };
}

export function projection(r: Report): void {
  const A = ASSUME;
  const P = A.price;
  const M = measured(r);
  if (!M) return;
  const countyPieces = A.provincePieces / A.counties;
  const tilesPerCounty = Math.ceil(countyPieces / A.tileSize);
  const tiles = tilesPerCounty * A.counties;
  const gb = (mb: number) => mb / 1024;
  log(`\n## projection: ${f0(A.provincePieces)} pieces as ${A.counties} county uploads × ${f0(countyPieces)}, tiles of ${A.tileSize}, ${A.concurrency} concurrent detect-tile`);
  log(`measured inputs (CPU ms here): tile ${f0(M.tileColdCpuMs)} cold / ${f0(M.tileWarmCpuMs)} warm, ${f0(M.tileGets)} GETs + ${f0(M.tileStoreGets + M.tileStorePuts)} store requests (${f0(M.tileSerialRequests)} on the critical path), ${f1(M.tileBytes / MB)} MiB in (${f1(M.tilePathBytes / MB)} on the path), ${f2(M.tileOutBytes / MB)} MiB out, init ${f0(M.initCpuMs)};`);
  log(`  ${f0(M.bytesPerPiece)} B/piece; ingest ${f0(1000 / M.ingestCpuPerPiece)} pieces/s (marginal ${f0(1000 / M.ingestMarginalCpuPerPiece)}); indexed copy ${f0(1000 / M.indexCpuPerPiece)} pieces/s (marginal ${f0(1000 / M.indexMarginalCpuPerPiece)});`);
  log(`  finalize ${f2(M.finalizeCpuPerPiece * 1000)} ms per 1000 pieces, peak RSS ${f0(M.finalizeRssMB)} MiB at ${f0(r.finalize.main.pieces)} pieces + ${f2(M.finalizeRssPerPieceMB * 1000)} MiB per 1000 pieces`);
  log(`tiles ${tiles} (${tilesPerCounty} per county), waves ${Math.ceil(tiles / A.concurrency)}`);

  const rows: (string | number)[][] = [];
  const costRows: (string | number)[][] = [];
  const bigRows: (string | number)[][] = [];
  for (const label of ['low', 'central', 'high'] as const) {
    const F = A.cpuFactor[label];
    const L = A.requestMs[label];
    const xfer = (bytes: number) => bytes / (A.s3Mbps * 1e3);
    const coldStartMs = F * M.initCpuMs + A.coldExtraMs;
    const tileIoMs = M.tileSerialRequests * L + xfer(M.tilePathBytes + M.tileOutBytes);
    const tileColdMs = F * M.tileColdCpuMs + tileIoMs;
    const tileWarmMs = F * M.tileWarmCpuMs + tileIoMs;
    const ideal = simulateDetect(tiles, coldStartMs + tileColdMs, tileWarmMs, false);
    const ramped = simulateDetect(tiles, coldStartMs + tileColdMs, tileWarmMs, true);
    // one county
    const fileBytes = countyPieces * M.bytesPerPiece;
    const ingestRequests = M.ingestRequestsAt(countyPieces) + A.ingestUnmeasuredRequests + Math.ceil(tilesPerCounty / 10);
    const ingestMs = coldStartMs + F * countyPieces * M.ingestCpuPerPiece + ingestRequests * L + xfer(fileBytes);
    const indexMs = F * countyPieces * M.indexCpuPerPiece + xfer(fileBytes) + 3 * L;
    const finalizeRequests = M.finalizeFixedRequests + tilesPerCounty + A.finalizeUnmeasuredRequests;
    const finalizeMs = coldStartMs + F * countyPieces * M.finalizeCpuPerPiece + finalizeRequests * L + xfer(countyPieces * (M.tileJsonBytesPerPiece + M.resultBytesPerPiece));
    const totalMs = ingestMs + ramped.wallMs + finalizeMs;
    rows.push([
      `${label}: ×${F} CPU, ${L} ms/request`, f1(coldStartMs / 1000), f1(tileColdMs / 1000), f1(tileWarmMs / 1000), f0(ideal.wallMs / 1000), f0(ramped.wallMs / 1000), ramped.environments,
      f1(ingestMs / 1000), f1(indexMs / 1000), f1(finalizeMs / 1000), f0(totalMs / 1000), f1((totalMs + indexMs) / 1000 / 60),
    ]);

    // one 2 M-piece upload in one ingest / one finalize
    const bigBytes = A.provincePieces * M.bytesPerPiece;
    const bigIngestS = (F * A.provincePieces * M.ingestMarginalCpuPerPiece + (M.ingestRequestsAt(A.provincePieces) + A.ingestUnmeasuredRequests + Math.ceil(tiles / 10)) * L + xfer(bigBytes)) / 1000;
    const bigIndexS = (F * A.provincePieces * M.indexMarginalCpuPerPiece + xfer(bigBytes)) / 1000;
    const bigFinalizeS = (F * A.provincePieces * M.finalizeCpuPerPiece + (tiles + M.finalizeFixedRequests + A.finalizeUnmeasuredRequests) * L + xfer(A.provincePieces * (M.tileJsonBytesPerPiece + M.resultBytesPerPiece))) / 1000;
    const bigFinalizeMB = M.finalizeRssMB + (A.provincePieces - r.finalize.main.pieces) * M.finalizeRssPerPieceMB;
    bigRows.push([label, f0(bigIngestS), f0(bigIndexS), f0(bigIngestS + bigIndexS), f0(bigFinalizeS), f0(bigFinalizeMB)]);

    // cost of the province
    const detectS = (ramped.environments * (coldStartMs + tileColdMs) + (tiles - ramped.environments) * tileWarmMs) / 1000;
    const detectUsd = detectS * gb(A.memoryMB.detect) * P.lambdaArmGbSecond;
    const ingestS = (A.counties * ingestMs) / 1000;
    const ingestUsd = ingestS * gb(A.memoryMB.ingest) * P.lambdaArmGbSecond + ingestS * (A.ingestEphemeralGB - 0.5) * P.lambdaEphemeralGbSecond;
    const finalizeUsd = ((A.counties * finalizeMs) / 1000) * gb(A.memoryMB.finalize) * P.lambdaArmGbSecond;
    const requestsUsd = (tiles + 2 * A.counties) * P.lambdaRequest;
    // SQS: upload events (send, receive, delete), tile jobs (batches of 10, receive, delete), run events (2 sends);
    // FIFO: finalize (≤ 2 sends, receive, delete), alerts (1 send)
    const sqsUsd = (A.counties * (3 + 2) + tiles / 10 + 2 * tiles) * P.sqsStandardRequest + A.counties * (4 + 1) * P.sqsFifoRequest;
    // S3, as measured through the port: PUTs and LISTs at the PUT price, everything else at the GET price
    const s3Usd = tiles * ((M.tileGets + M.tileStoreGets) * P.s3GetHeadRequest + M.tileStorePuts * P.s3PutListRequest)
      + A.counties * ((M.ingestRequestsAt(countyPieces) - M.ingestPuts) * P.s3GetHeadRequest + M.ingestPuts * P.s3PutListRequest)
      + A.counties * ((M.finalizeFixedRequests + tilesPerCounty - M.finalizePuts) * P.s3GetHeadRequest + M.finalizePuts * P.s3PutListRequest);
    const storedGB = (A.provincePieces * (M.tileJsonBytesPerPiece + M.resultBytesPerPiece)) / 1e9;
    costRows.push([
      label, f1(detectS / 3600), f2(detectUsd), f2(ingestUsd), f2(finalizeUsd), f3(requestsUsd), f3(sqsUsd), f2(s3Usd),
      f2(detectUsd + ingestUsd + finalizeUsd + requestsUsd + sqsUsd + s3Usd), f1(storedGB), f2(storedGB * P.s3GbMonth),
    ]);
  }
  log('\nwall time (s; total = ingest of one county + detect with ramp-up + finalize of one county; last column adds an indexed copy, in min)');
  table(['case', 'cold start', 'tile cold', 'tile warm', 'detect, no ramp', 'detect, ramp', 'Lambdas used', 'ingest/county', '+indexed copy', 'finalize/county', 'total s', 'total min, unindexed'], rows);
  log('\ncost of one province run, USD (us-east-1 list prices, see ASSUME.price)');
  table(['case', 'detect Lambda h', 'detect', 'ingest', 'finalize', 'Lambda requests', 'SQS', 'S3 requests', 'total', 'result GB', 'storage $/month'], costRows);
  log('\none 2 M-piece upload instead of county uploads (s; MiB)');
  table(['case', 'ingest', 'indexed copy', 'ingest total', 'finalize', 'finalize peak RSS MiB'], bigRows);
  log(`limits: ingest timeout ${A.timeoutS.ingest} s (Lambda max ${A.timeoutS.lambdaMax} s), finalize ${A.timeoutS.finalize} s at ${A.memoryMB.finalize} MB (max ${A.memoryMB.lambdaMax} MB)`);
  const sizes = [...new Set<number>(r.tiles.map((t: Report) => t.size))];
  log(`memory headroom at ${A.memoryMB.detect} MB (peak RSS of the first invocation; after a second one in the same process): ${sizes.map((s) => {
    const xs: Report[] = r.tiles.filter((t: Report) => t.size === s);
    const cold = Math.max(...xs.map((t) => t.peakColdRssMB));
    const warm = Math.max(...xs.map((t) => t.peakWarmRssMB));
    return `${s} pieces ${f0(cold)} MiB (${f0((cold / A.memoryMB.detect) * 100)} %; ${f0(warm)})`;
  }).join(', ')}`);
}
