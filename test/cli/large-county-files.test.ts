// A large county's layers, CSV, workbook and report are written to files as they are made (finalize moves or uploads them
// from there) instead of as bytes in memory: the files must hold exactly the bytes the in-memory way makes, so that
// what an office receives does not depend on the size of its county.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crsFromEpsg } from '@landwatch/core';
import { countyFiles, renderCountyFiles, RESULT_FILES } from '@landwatch/pipeline';
import { runLocal } from '../../packages/cli/src/local-run.ts';
import { createProgress } from '../../packages/cli/src/progress.ts';
import { runCli } from '../support/cli.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-large-county-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('countyFiles above FILE_ABOVE', () => {
  it('writes the layers, the CSV, the workbook and the report as files with the in-memory bytes', async () => {
    const data = join(work, 'data');
    expect((await runCli(['generate', '--out', data, '--changes', '400', '--seed', '3'])).code).toBe(0);
    const changesPath = join(data, readdirSync(data).find((f) => f.endsWith('.fgb'))!);
    const outcome = await runLocal({ changesPath, layersPath: join(data, 'layers.json'), outDir: join(work, 'out'), progress: createProgress({ enabled: false }) });
    const county = outcome.counties[0]!;
    const crs = crsFromEpsg(Number(/EPSG:(\d+)/.exec(county.summary.run.input.crs)![1]));
    const inMemory = await renderCountyFiles(county, crs);
    const fileDir = join(work, 'files');
    const made = new Map<string, Buffer>();
    const asFiles: string[] = [];
    // every county is "large" with a threshold of 0
    for await (const f of countyFiles(county, crs, fileDir, 0)) {
      if (f.path !== undefined) asFiles.push(f.name);
      made.set(f.name, f.path !== undefined ? readFileSync(f.path) : Buffer.from(f.bytes));
    }
    expect(asFiles).toEqual(['detections.fgb', 'overlaps.fgb', 'detections.csv', 'detections.xlsx', 'report.html']);
    for (const name of RESULT_FILES) expect(made.get(name)!.equals(Buffer.from(inMemory.get(name)!)), name).toBe(true);
  });
});

describe('a run whose county goes through files', () => {
  it('delivers the same bytes in every result and task file as a run that holds them in memory', async () => {
    const data = join(work, 'data-run');
    expect((await runCli(['generate', '--out', data, '--changes', '300', '--seed', '5'])).code).toBe(0);
    const changesPath = join(data, readdirSync(data).find((f) => f.endsWith('.fgb'))!);
    const run = (out: string, fileAbove?: number) =>
      runLocal({ changesPath, layersPath: join(data, 'layers.json'), outDir: join(work, out), progress: createProgress({ enabled: false }), fileAbove });
    // the CLI sends every county through files; a threshold above the county's size keeps it in memory
    await run('in-memory', Number.POSITIVE_INFINITY);
    await run('as-files');
    const files = (root: string): Map<string, Buffer> => {
      const found = new Map<string, Buffer>();
      for (const f of readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (f.isFile()) found.set(join(f.parentPath, f.name).slice(root.length), readFileSync(join(f.parentPath, f.name)));
      }
      return found;
    };
    const inMemory = files(join(work, 'in-memory', 'results'));
    const asFiles = files(join(work, 'as-files', 'results'));
    expect([...asFiles.keys()].sort()).toEqual([...inMemory.keys()].sort());
    expect([...inMemory.keys()].some((k) => k.includes('/tasks/') && k.endsWith('.kml'))).toBe(true);
    for (const [name, bytes] of inMemory) expect(asFiles.get(name)!.equals(bytes), name).toBe(true);
  });
});
