// Stage "tile" (docs/ARCHITECTURE.md): one tile job — read the tile's pieces and the protection features near its
// detections, detect, store the tile result. A tile whose result is already stored (a job delivered twice) does
// nothing. Knowing when every tile is done is not this stage's business: the run's Distributed Map (or the CLI's
// pool) waits for all of them (docs/ORCHESTRATION.md). The same function runs in the detect-tile Lambda and in the
// CLI's worker threads.
import { createRuleSet, divisionNamesFrom, landUseCodeTable } from '@landwatch/core';
import { openChangeLayer } from './change-layer.ts';
import { openProtectionLayers } from './protection-layer.ts';
import { isTileDone, readManifest, readRunStatus, writeRunStatus, writeTileResult } from './run-documents.ts';
import { MalformedMessageError } from './run-errors.ts';
import type { OpenedSource, RunPort } from './run-port.ts';
import { tileInput, type PinnedObject, type RunManifest, type TileJob, type TileResultDocument } from './run-protocol.ts';
import { runTile, type TileContext } from './tile.ts';

/** What a process keeps open between tiles of the same run: the sources and the rule set. */
interface OpenRun {
  runId: string;
  /** the change layer's key: the run's input, or in a multi-county run one county's copy */
  inputKey: string;
  manifest: RunManifest;
  context: TileContext;
  sources: OpenedSource[];
}

let current: Promise<OpenRun> | undefined;

async function openRun(port: RunPort, manifest: RunManifest, input: PinnedObject): Promise<OpenRun> {
  const sources: OpenedSource[] = [];
  const open = async (object: Parameters<RunPort['open']>[0]) => {
    const source = await port.open(object);
    sources.push(source);
    return source;
  };
  try {
    const changes = await openChangeLayer(await open(input), manifest.config.fieldMap);
    if (!changes.ok) throw new Error(`run input unreadable: ${changes.reasons.join('; ')}`);
    const byId = new Map(manifest.layers.map((l) => [l.id, l.object]));
    // ingest validated these pinned layer versions in full (docs/INPUT-CHECKS.md); a tile reads only their headers,
    // and each feature a bbox read returns is checked again before any geometry work
    const { layers, reasons } = await openProtectionLayers(manifest.layers, (e) => open(byId.get(e.id)!), { scan: false });
    if (reasons.length > 0) throw new Error(`protection layers unreadable: ${reasons.join('; ')}`);
    const codes = landUseCodeTable(manifest.config.codeTableVersion);
    const context: TileContext = {
      runId: manifest.runId,
      surveyYear: manifest.surveyYear,
      changes: changes.layer,
      layers,
      rules: createRuleSet({ surveyYear: manifest.surveyYear }, codes),
      names: divisionNamesFrom(manifest.divisionNames),
    };
    return { runId: manifest.runId, inputKey: input.key, manifest, context, sources };
  } catch (err) {
    await Promise.all(sources.map((s) => s.close()));
    throw err;
  }
}

/** The open run for this manifest and input, reusing the previous tile's when it is the same run and input (tiles
 * come in plan order, so a multi-county run reopens once per county). */
async function runFor(port: RunPort, manifest: RunManifest, input: PinnedObject): Promise<OpenRun> {
  const previous = current ? await current.catch(() => undefined) : undefined;
  if (previous?.runId === manifest.runId && previous.inputKey === input.key) return previous;
  if (previous) await closeOpenRun(previous);
  current = openRun(port, manifest, input);
  return current;
}

async function closeOpenRun(run: OpenRun): Promise<void> {
  current = undefined;
  await Promise.all(run.sources.map((s) => s.close()));
}

/** Closes what the tile stage keeps open between tiles (call when a process or worker is done). */
export async function closeTileStage(): Promise<void> {
  const run = current ? await current.catch(() => undefined) : undefined;
  if (run) await closeOpenRun(run);
}

/** What a tile job did: its counts and timings, or nothing when the tile had been done before. */
export type TileJobOutcome = Pick<TileResultDocument, 'tileId' | 'readMs' | 'stats'> | undefined;

export async function runTileJob(port: RunPort, job: TileJob): Promise<TileJobOutcome> {
  const manifest = await readManifest(port, job.manifestKey);
  const tile = manifest.tiles.find((t) => t.tileId === job.tileId);
  if (!tile || manifest.runId !== job.runId) throw new MalformedMessageError(`tile ${job.tileId} is not in the plan of run ${job.runId}`, '');
  let outcome: TileJobOutcome;
  if (!(await isTileDone(port, job.runId, job.tileId))) {
    if (tile === manifest.tiles[0]) await markRunning(port, manifest);
    const run = await runFor(port, manifest, tileInput(manifest, tile));
    const result = await runTile(tile, run.context);
    const readMs = Math.round(result.readMs);
    await writeTileResult(port, { ...result, runId: job.runId, readMs });
    outcome = { tileId: job.tileId, readMs, stats: result.stats };
  }
  return outcome;
}

/** The first tile moves an accepted run to running (never a finished or failed one back). */
async function markRunning(port: RunPort, manifest: RunManifest): Promise<void> {
  const status = await readRunStatus(port, manifest.runId);
  if (status?.state !== 'accepted') return;
  await writeRunStatus(port, {
    runId: manifest.runId,
    surveyYear: manifest.surveyYear,
    state: 'running',
    upload: manifest.upload,
    features: manifest.featuresCount,
    tiles: manifest.tiles.length,
  });
}
