// The ingest Lambda checks protection layers as the CLI does: a permanent-farmland layer in the reference bucket with
// its R-tree root zeroed (a GDAL-style indexed layer, byte-patched) rejects the run with a `rejected` run event that
// names the layer and the reason; no execution starts, no result is written and no alert is sent. Run on the deployed
// code path (`npm run pipeline:local`: emulators, the synthesized state machine, the real handlers).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRunEvent } from '../../functions/lib/message-schemas.ts';
import { runCli } from '../support/cli.ts';
import { zeroRootNode } from '../support/fgb-patch.ts';
import { runPipelineLocal } from '../support/pipeline-local.ts';

const data = mkdtempSync(join(tmpdir(), 'lw-ingest-hostile-'));

beforeAll(async () => {
  const gen = await runCli(['generate', '--out', data, '--changes', '300', '--seed', '5']);
  expect(gen.code, gen.stderr).toBe(0);
  const layer = join(data, 'layers', 'permanent-farmland.fgb');
  writeFileSync(layer, await zeroRootNode(new Uint8Array(readFileSync(layer))));
}, 180_000);

afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('ingest: a protection layer that cannot be trusted rejects the run', () => {
  it('r-tree-root-zeroed in the reference bucket: rejected run event naming layer and reason, nothing else', async () => {
    const changes = join(data, readdirSync(data).find((f) => f.endsWith('.fgb'))!);
    const r = await runPipelineLocal(['--changes', changes, '--layers', join(data, 'layers.json'), '--year', '2024', '--tile-size', '120'], join(data, 'out'));
    expect(r.code, r.stderr).toBe(2);
    expect(r.runEvents.map((e) => e.type)).toEqual(['rejected']);
    validateRunEvent(r.runEvents[0]);
    // the reference bucket's name is the emulator's
    const reason = (r.runEvents[0].reasons as string[]).find((x) => x.startsWith('layer permanent-farmland: '));
    expect(reason?.replace(/s3:\/\/[^/]+\//, 's3://REFERENCE/')).toBe(
      'layer permanent-farmland: s3://REFERENCE/layers/permanent-farmland.fgb: index node 0: points to node 0, its first child is node 1',
    );
    expect(r.summary.executions).toEqual([]);
    expect(r.results.size).toBe(0);
    expect(Object.values(r.alerts).flat()).toEqual([]);
  }, 300_000);
});
