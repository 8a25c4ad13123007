// The ingest Lambda checks protection layers as the CLI does: a permanent-farmland layer in the reference bucket with
// its R-tree root zeroed (a GDAL-style indexed layer, byte-patched) rejects the run with a `rejected` run event that
// names the layer and the reason; nothing but status.json is written and no alert is sent.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRunEvent } from '../../functions/lib/message-schemas.ts';
import { runCli } from '../support/cli.ts';
import { zeroRootNode } from '../support/fgb-patch.ts';
import { startWorld, type World } from '../pipeline/world.ts';

const data = mkdtempSync(join(tmpdir(), 'lw-ingest-hostile-'));
let world: World;

beforeAll(async () => {
  const gen = await runCli(['generate', '--out', data, '--changes', '300', '--seed', '5']);
  expect(gen.code, gen.stderr).toBe(0);
  const layer = join(data, 'layers', 'permanent-farmland.fgb');
  writeFileSync(layer, await zeroRootNode(new Uint8Array(readFileSync(layer))));
  world = await startWorld(data, { tileMaxFeatures: 120 });
}, 180_000);

afterAll(async () => {
  await world?.close();
  rmSync(data, { recursive: true, force: true });
});

describe('ingest: a protection layer that cannot be trusted rejects the run', () => {
  it('r-tree-root-zeroed in the reference bucket: rejected run event naming layer and reason, status.json only', async () => {
    const key = 'changes/2024/431102-layer-broken.fgb';
    await world.upload(undefined, key);
    await world.notify(key);
    await world.drain();
    const events = (await world.messages(world.emu.queues.runEvents)).map((m) => JSON.parse(m.Body!));
    expect(events.map((e) => e.type)).toEqual(['rejected']);
    validateRunEvent(events[0]);
    expect(events[0].reasons).toContain('layer permanent-farmland: s3://' + world.emu.env.LANDWATCH_REFERENCE_BUCKET + '/layers/permanent-farmland.fgb: index node 0: points to node 0, its first child is node 1');
    const objects = await world.objects(`runs/${events[0].runId}/`);
    expect([...objects.keys()]).toEqual([`runs/${events[0].runId}/status.json`]);
    expect(await world.messages(world.emu.queues.alerts)).toHaveLength(0);
  });
});
