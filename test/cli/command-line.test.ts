// The command line as people type it: --version, each command's own --help, a typo'd command, and every wrong path
// or argument refused with exit code 2 and one line naming it (no stack trace); the survey year from data, --year
// and the file name.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.ts';
import { ogr2ogr, ogrinfo } from '../support/gdal.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-cmdline-'));
const data = join(work, 'data');
let changes = '';
const layers = join(data, 'layers.json');

beforeAll(async () => {
  const gen = await runCli(['generate', '--out', data, '--changes', '60', '--seed', '4']);
  expect(gen.code, gen.stderr).toBe(0);
  changes = join(data, readdirSync(data).find((f) => f.endsWith('.fgb'))!);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Exit code 2 and exactly one stderr line matching `line`, without a stack trace. */
function refusedWithOneLine(r: CliResult, line: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('landwatch --version and --help', () => {
  it('--version prints the version, exit 0', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^landwatch \d+\.\d+\.\d+ \(Node \d+\.\d+\.\d+\)\n$/);
  });

  it('--help lists every command', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['demo', 'run', 'inspect', 'index', 'generate']) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
  });

  it.each([
    ['run', ['--changes', '--layers', '--out', '--year', '--field-map', '--workers', '--tile-size', '--stats'], ['--seed', '--crs']],
    ['inspect', [], ['--out', '--layers', '--year']],
    ['index', ['--out'], ['--layers', '--year', '--seed']],
    ['generate', ['--out', '--changes', '--seed', '--crs'], ['--layers', '--year']],
    ['demo', ['--out', '--changes', '--seed', '--workers'], ['--layers', '--year', '--crs']],
  ])('%s --help describes its own options only', async (command, has, hasNot) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`landwatch ${command} — `)).toBe(true);
    expect(r.stdout).toContain(`usage: landwatch ${command}`);
    for (const o of has) expect(r.stdout).toMatch(new RegExp(`^  ${o} `, 'm'));
    for (const o of hasNot) expect(r.stdout).not.toContain(o);
    expect((await runCli(['help', command])).stdout).toBe(r.stdout);
  });
});

describe('wrong commands, paths and arguments: exit 2, one line', () => {
  it.each([
    ['a typo names the nearest command', ['rn'], /^landwatch: unknown command 'rn'; did you mean 'run'\?/],
    ['a swapped letter', ['inpsect', 'x.fgb'], /did you mean 'inspect'\?/],
    ['a word far from every command', ['frobnicate'], /^landwatch: unknown command 'frobnicate' \(commands: demo, run, inspect, index, convert, generate, verify, register, aws\)$/],
    ['aws without its arguments', ['aws', 'status'], /^landwatch: aws: aws needs status, redrive or rerun and a RUN_ID \(status: or an UPLOAD_KEY\) \(see landwatch aws --help\)$/],
    ['aws with an unknown subcommand', ['aws', 'stats', '2024-0123456789ab'], /^landwatch: aws: unknown aws command 'stats': status, redrive or rerun \(see landwatch aws --help\)$/],
    ['inspect on a missing file', ['inspect', '/nonexistent/changes.fgb'], /^landwatch: inspect: FILE \/nonexistent\/changes\.fgb: no such file/],
    ['inspect on a directory', ['inspect', tmpdir()], /inspect: FILE .*: is a directory, expected a file/],
    ['inspect without a file', ['inspect'], /inspect: inspect needs a FILE/],
    ['an option the command does not take', ['inspect', '--layers', 'x.json', 'a.fgb'], /inspect: inspect does not take --layers/],
    ['an unknown option', ['run', '--chagnes', 'x.fgb'], /^landwatch: run: unknown option --chagnes \(see landwatch run --help\)$/],
    ['an option without its value', ['generate', '--out'], /^landwatch: generate: --out needs a value/],
    ['a number that is not one', ['generate', '--out', join(tmpdir(), 'lw-never'), '--changes', 'many'], /generate: --changes must be a whole number ≥ 1, got 'many'/],
    ['run without --changes', ['run', '--layers', 'layers.json', '--out', 'x'], /run: --changes is required/],
    ['run on a missing change layer', ['run', '--changes', '/nonexistent/a.fgb', '--layers', 'l.json', '--out', 'x'], /run: --changes \/nonexistent\/a\.fgb: no such file/],
    ['a stray argument', ['run', 'extra.fgb'], /run: run takes no FILE argument, got 'extra\.fgb'/],
    ['index into a missing folder', ['index', '/etc/hostname', '--out', '/nonexistent/dir/x.fgb'], /index: --out \/nonexistent\/dir\/x\.fgb: folder \/nonexistent\/dir does not exist/],
  ])('%s', async (_name, args, line) => {
    refusedWithOneLine(await runCli(args), line);
  });

  it('run with --out pointing at a file', async () => {
    const r = await runCli(['run', '--changes', changes, '--layers', layers, '--out', layers]);
    refusedWithOneLine(r, new RegExp(`run: --out ${layers.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: is a file, expected a directory`));
  });

  it('generate with --out below a file: the path error, no stack trace', async () => {
    refusedWithOneLine(await runCli(['generate', '--out', join(layers, 'sub'), '--changes', '5']), /generate: .*layers\.json\/sub.*: a part of the path is a file, not a directory/);
  });

  it('run --stats pointing at a directory is refused before the run', async () => {
    const out = join(work, 'stats-out');
    refusedWithOneLine(await runCli(['run', '--changes', changes, '--layers', layers, '--out', out, '--stats', work]), /run: --stats .*: is a directory, expected a file name/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the survey year: data, --year, file name', () => {
  it('--year that disagrees with the data is refused, nothing written', async () => {
    const out = join(work, 'year-disagrees');
    const r = await runCli(['run', '--changes', changes, '--layers', layers, '--out', out, '--year', '2023']);
    refusedWithOneLine(r, /DLTBGXGC-431102-2024\.fgb: --year 2023 disagrees with the survey year the data carry: 2024 \(SJNF\/GXSJ of 60 features\)/);
    expect(existsSync(join(out, 'results'))).toBe(false);
  });

  it('--year that agrees with the data is accepted', async () => {
    const out = join(work, 'year-agrees');
    const r = await runCli(['run', '--changes', changes, '--layers', layers, '--out', out, '--year', '2024']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'results'))).toEqual(['2024']);
  });

  describe('data without SJNF/GXSJ', () => {
    let noYear = '';
    beforeAll(() => {
      const fields = [...ogrinfo(['-ro', '-so', '-al', changes]).matchAll(/^(\w+): (String|Real|Integer)/gm)].map((m) => m[1]!);
      mkdirSync(join(work, 'noyear'), { recursive: true });
      noYear = join(work, 'noyear', 'DLTBGXGC-431102-2024.fgb');
      ogr2ogr(['-f', 'FlatGeobuf', noYear, changes, '-select', fields.filter((f) => f !== 'SJNF' && f !== 'GXSJ').join(',')]);
    });

    it('an explicit --year is used, even against the file name', async () => {
      const out = join(work, 'noyear-option');
      const r = await runCli(['run', '--changes', noYear, '--layers', layers, '--out', out, '--year', '2023']);
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(join(out, 'results'))).toEqual(['2023']);
    });

    it('without --year the file name gives the year', async () => {
      const out = join(work, 'noyear-name');
      const r = await runCli(['run', '--changes', noYear, '--layers', layers, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(join(out, 'results'))).toEqual(['2024']);
    });
  });
});
