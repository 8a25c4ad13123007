// The local port pins protection layers on a worker thread (files) and on this thread (a .gdb folder): the pins must
// be the ones pinFile gives, each failure named as before, and a fresh work folder holds no run to resume.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalRunPort, pinFile } from '../src/local-port.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-pins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('LocalRunPort.layers', () => {
  it('pins files and folders as pinFile does, and names a layer it cannot open', async () => {
    writeFileSync(join(dir, 'pf.fgb'), Buffer.alloc(3 << 20, 7)); // three reads of the hashing thread's buffer
    writeFileSync(join(dir, 'empty.fgb'), '');
    mkdirSync(join(dir, 'zone.gdb'));
    writeFileSync(join(dir, 'zone.gdb', 'a00000001.gdbtable'), 'table');
    const registry = join(dir, 'layers.json');
    const layer = (id: string, kind: string, path: string) => ({ id, kind, path, title: id });
    writeFileSync(
      registry,
      JSON.stringify({
        layers: [
          layer('permanent-farmland', 'permanent-farmland', 'pf.fgb'),
          layer('context', 'context', 'empty.fgb'),
          layer('ecological-redline', 'ecological-redline', 'zone.gdb'),
          layer('farmland-reserve', 'farmland-reserve', 'missing.fgb'),
        ],
      }),
    );
    const port = new LocalRunPort({ workDir: join(dir, 'work'), outDir: join(dir, 'out'), registryPath: registry });
    expect(port.mayHoldRuns).toBe(false);
    const { layers, reasons } = await port.layers();
    expect(layers.map((l) => l.object)).toEqual(await Promise.all(['pf.fgb', 'empty.fgb', 'zone.gdb'].map((p) => pinFile(join(dir, p)))));
    expect(reasons).toEqual([`layer farmland-reserve: cannot open ${join(dir, 'missing.fgb')}: ENOENT`]);
  });
});
