// The launcher (packages/cli/bin/landwatch.mjs + src/launch.ts): a run of a large change layer starts again in a Node
// with a larger young generation, and that second process is invisible to the user: the same result bytes, the same
// output and exit code, and a signal to the launcher reaches the run.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputBytes, LARGE_INPUT_BYTES, relaunchOptions, YOUNG_GENERATION_FLAG } from '../../packages/cli/src/launch.ts';
import { runCli } from '../support/cli.ts';

/** The launcher's decision and runAgain as bin/landwatch.mjs loads them (built by `npm run build`). */
const LAUNCH = fileURLToPath(new URL('../../packages/cli/dist/launch.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'lw-launch-'));
let changes = '';
let layers = '';

const ALWAYS = { LANDWATCH_RELAUNCH_ABOVE_BYTES: '0' };
const NEVER = { LANDWATCH_RELAUNCH_ABOVE_BYTES: String(2 ** 50) };

beforeAll(async () => {
  expect(existsSync(LAUNCH), `${LAUNCH} is missing: run \`npm run build\` first`).toBe(true);
  const gen = await runCli(['generate', '--out', join(work, 'data'), '--changes', '300', '--seed', '5']);
  expect(gen.code, gen.stderr).toBe(0);
  changes = join(work, 'data', readdirSync(join(work, 'data')).find((f) => f.endsWith('.fgb'))!);
  layers = join(work, 'data', 'layers.json');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('which runs start again', () => {
  const size = (bytes: number) => () => bytes;

  it('a run whose change layer has at least the threshold, with the flag after the options it already had', () => {
    expect(relaunchOptions(['run', '--changes', 'c.fgb', '--layers', 'l.json'], [], {}, size(LARGE_INPUT_BYTES))).toEqual([YOUNG_GENERATION_FLAG]);
    expect(relaunchOptions(['run', '--changes=c.fgb'], ['--enable-source-maps'], {}, size(LARGE_INPUT_BYTES + 1))).toEqual(['--enable-source-maps', YOUNG_GENERATION_FLAG]);
    // the command line is read as the CLI reads it: an option before the command, or one taking a value, is skipped
    expect(relaunchOptions(['--progress', 'run', '--workers', '1', '--changes', 'c.fgb'], [], {}, size(LARGE_INPUT_BYTES))).toEqual([YOUNG_GENERATION_FLAG]);
  });

  it('not a smaller one, another command, a run without --changes, one whose young generation is chosen already, or one being debugged', () => {
    expect(relaunchOptions(['run', '--changes', 'c.fgb'], [], {}, size(LARGE_INPUT_BYTES - 1))).toBeUndefined();
    expect(relaunchOptions(['demo', '--changes', '500000'], [], {}, size(LARGE_INPUT_BYTES))).toBeUndefined();
    expect(relaunchOptions(['inspect', 'c.fgb'], [], {}, size(LARGE_INPUT_BYTES))).toBeUndefined();
    expect(relaunchOptions(['run', '--layers', 'l.json'], [], {}, size(LARGE_INPUT_BYTES))).toBeUndefined();
    expect(relaunchOptions(['run', '--layers', 'l.json', '--changes'], [], {}, size(LARGE_INPUT_BYTES))).toBeUndefined();
    expect(relaunchOptions(['run', '--', '--changes', 'c.fgb'], [], {}, size(LARGE_INPUT_BYTES))).toBeUndefined();
    expect(relaunchOptions(['run', '--changes', 'c.fgb'], ['--max-semi-space-size=32'], {}, size(LARGE_INPUT_BYTES))).toBeUndefined();
    expect(relaunchOptions(['run', '--changes', 'c.fgb'], ['--max_semi_space_size=32'], {}, size(LARGE_INPUT_BYTES))).toBeUndefined();
    expect(relaunchOptions(['run', '--changes', 'c.fgb'], [], { NODE_OPTIONS: '--max-old-space-size=4096 --max-semi-space-size=8' }, size(LARGE_INPUT_BYTES))).toBeUndefined();
    expect(relaunchOptions(['run', '--changes', 'c.fgb'], ['--inspect-brk'], {}, size(LARGE_INPUT_BYTES))).toBeUndefined();
    expect(relaunchOptions(['run', '--changes', 'c.fgb'], [], { NODE_OPTIONS: '--inspect=0.0.0.0:9230' }, size(LARGE_INPUT_BYTES))).toBeUndefined();
  });

  it('the threshold can be set through LANDWATCH_RELAUNCH_ABOVE_BYTES (digits only)', () => {
    expect(relaunchOptions(['run', '--changes', 'c.fgb'], [], { LANDWATCH_RELAUNCH_ABOVE_BYTES: '100' }, size(100))).toEqual([YOUNG_GENERATION_FLAG]);
    expect(relaunchOptions(['run', '--changes', 'c.fgb'], [], { LANDWATCH_RELAUNCH_ABOVE_BYTES: '101' }, size(100))).toBeUndefined();
    expect(relaunchOptions(['run', '--changes', 'c.fgb'], [], { LANDWATCH_RELAUNCH_ABOVE_BYTES: '1e3' }, size(100))).toBeUndefined();
  });

  it('measures a file, a folder (a File Geodatabase) by all its files, and what it cannot read as 0', () => {
    const gdb = join(work, 'zone.gdb');
    mkdirSync(join(gdb, 'inner'), { recursive: true });
    writeFileSync(join(gdb, 'a00000001.gdbtable'), Buffer.alloc(1000));
    writeFileSync(join(gdb, 'inner', 'b'), Buffer.alloc(24));
    expect(inputBytes(join(gdb, 'a00000001.gdbtable'))).toBe(1000);
    expect(inputBytes(gdb)).toBe(1024);
    expect(inputBytes(join(work, 'missing.fgb'))).toBe(0);
  });
});

describe('a run started again', () => {
  it('writes the same result bytes as one run here, and records the Node options it ran with', async () => {
    const outs = { here: join(work, 'out-here'), again: join(work, 'out-again') };
    const here = await runCli(['run', '--changes', changes, '--layers', layers, '--out', outs.here, '--stats', `${outs.here}.json`], { env: NEVER });
    const again = await runCli(['run', '--changes', changes, '--layers', layers, '--out', outs.again, '--stats', `${outs.again}.json`], { env: ALWAYS });
    expect(here.code, here.stderr).toBe(0);
    expect(again.code, again.stderr).toBe(0);
    // the same report on stdout, but for the folder and the run's time
    const printed = (r: { stdout: string }, out: string) => r.stdout.replaceAll(out, 'OUT').replace(/ tiles, [\d.]+ s$/m, ' tiles, T s');
    expect(printed(again, outs.again)).toBe(printed(here, outs.here));
    expect(printed(here, outs.here)).toContain(' tiles, T s');
    expect(JSON.parse(readFileSync(`${outs.here}.json`, 'utf8')).nodeOptions).toEqual([]);
    expect(JSON.parse(readFileSync(`${outs.again}.json`, 'utf8')).nodeOptions).toEqual([YOUNG_GENERATION_FLAG]);
    const files = (dir: string) => (readdirSync(join(dir, 'results'), { recursive: true, encoding: 'utf8' }) as string[]).sort();
    expect(files(outs.again)).toEqual(files(outs.here));
    for (const f of files(outs.here).filter((f) => /\.\w+$/.test(f))) {
      expect(readFileSync(join(outs.again, 'results', f)).equals(readFileSync(join(outs.here, 'results', f))), f).toBe(true);
    }
  });

  it('ends with the run’s exit code and message when the run is refused', async () => {
    const args = ['run', '--changes', join(work, 'missing.fgb'), '--layers', layers, '--out', join(work, 'out-missing')];
    const here = await runCli(args, { env: NEVER });
    const again = await runCli(args, { env: ALWAYS });
    expect(here.code).toBe(2);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(here.stderr);
    expect(again.stderr).toContain('missing.fgb');
  });

  it('passes a signal on to the run and ends by the same signal', async () => {
    // runAgain as built, on a script whose second process waits until it is stopped
    const script = join(work, 'wait.mjs');
    writeFileSync(script, [
      `import { runAgain } from ${JSON.stringify(pathToFileURL(LAUNCH).href)};`,
      `if (process.argv[2] === 'waiting') { process.stdout.write(\`ready \${process.pid}\\n\`); setInterval(() => {}, 1000); }`,
      `else runAgain([], ${JSON.stringify(script)}, ['waiting']);`,
    ].join('\n'));
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    const pid = await new Promise<number>((resolve) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /ready (\d+)\n/.exec(out);
        if (m) resolve(Number(m[1]));
      });
    });
    expect(pid).not.toBe(child.pid);
    child.kill('SIGTERM');
    expect(await ended).toEqual({ code: null, signal: 'SIGTERM' });
    // the second process is gone too
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});
