// landwatch — command line (docs/ARCHITECTURE.md, "Command line"). Exit codes: 0 success, 2 rejected input (reasons on stderr, one per line),
// 1 internal failure.
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { RejectedInputError } from '@landwatch/core';
import { FgbFormatError } from '@landwatch/fgb';
import { generateFiles } from './commands/generate.ts';
import { indexFile } from './commands/index-file.ts';
import { inspectFile } from './commands/inspect.ts';
import { formatRunSummary } from './commands/print-summary.ts';
import { NoCountyResultsError, printRegister } from './commands/register.ts'; // issue 11
import { verifyAnswers } from './commands/verify.ts'; // issue 11
import { generateHistory } from './commands/generate-history.ts'; // issue 11
import { AnswerFileError } from '@landwatch/core/verification';
import { userInfo } from 'node:os';
import { runLocal, runStats, writeJson } from './local-run.ts';
import { createProgress } from './progress.ts';

const USAGE = `landwatch — detects conversions of cultivated land (耕地) in annual land-survey change layers

usage:
  landwatch demo [--out DIR] [--changes N] [--seed S]    generate a county, run, print summary, write report
  landwatch run --changes FILE --layers layers.json --out DIR [--year N] [--field-map FILE] [--workers N]
                [--tile-size N] [--stats FILE]                    (--stats: timings and counts as JSON)
  landwatch inspect FILE                                  header, CRS, fields, counts, index, code histogram
  landwatch index FILE --out FILE                         write a Hilbert-sorted FlatGeobuf with spatial index
  landwatch generate --out DIR [--changes N] [--seed S] [--crs gk|4490] [--history DIR]
                                                          deterministic synthetic county data set
  landwatch verify --results DIR --county CODE --file answers.csv [--by NAME] [--year N] [--as-of YYYY-MM-DD]
                                                          apply a county office's answers (exit 2 if any row rejected)
  landwatch register --results DIR --county CODE [--as-of YYYY-MM-DD]
                                                          rebuild and print the county's case register

common options: --progress (progress lines even when stderr is not a terminal), --help
exit codes: 0 done, 2 input rejected (reasons on stderr, one per line), 1 internal failure`;

class UsageError extends Error {}

const OPTIONS = {
  out: { type: 'string' },
  changes: { type: 'string' },
  layers: { type: 'string' },
  year: { type: 'string' },
  'field-map': { type: 'string' },
  workers: { type: 'string' },
  seed: { type: 'string' },
  crs: { type: 'string' },
  'tile-size': { type: 'string' },
  stats: { type: 'string' },
  progress: { type: 'boolean' },
  // issue 11: verify / register / generate --history
  results: { type: 'string' },
  county: { type: 'string' },
  file: { type: 'string' },
  by: { type: 'string' },
  'as-of': { type: 'string' },
  history: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function intOption(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got '${v}'`);
  return n;
}

function required(v: string | undefined, name: string): string {
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

function countyOption(v: string): string {
  if (!/^\d{6}$/.test(v)) throw new UsageError(`--county must be a 6-digit county code, got '${v}'`);
  return v;
}

/** The day overdue is judged on: --as-of, else today (UTC). */
function asOfOption(v: string | undefined): string {
  if (v === undefined) return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got '${v}'`);
  return v;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (o.help || command === undefined || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && !o.help ? 2 : 0;
  }
  const progress = createProgress({ enabled: o.progress });
  try {
    switch (command) {
      case 'demo': {
        const out = resolve(o.out ?? 'landwatch-demo');
        const data = await generateFiles(join(out, 'data'), { seed: intOption(o.seed, 'seed', 0) ?? 2024, changes: intOption(o.changes, 'changes', 1) ?? 3000 }, progress);
        const outcome = await runLocal({ changesPath: data.changesPath, layersPath: data.layersPath, outDir: out, workers: intOption(o.workers, 'workers', 0), progress });
        process.stdout.write(`${formatRunSummary(outcome)}\n`);
        for (const d of outcome.outputDirs) process.stdout.write(`report: ${join(d, 'report.html')}\n`);
        return 0;
      }
      case 'run': {
        const outcome = await runLocal({
          changesPath: required(o.changes, 'changes'),
          layersPath: required(o.layers, 'layers'),
          outDir: required(o.out, 'out'),
          year: intOption(o.year, 'year', 1900),
          fieldMapPath: o['field-map'],
          workers: intOption(o.workers, 'workers', 0),
          tileMaxFeatures: intOption(o['tile-size'], 'tile-size', 1),
          progress,
        });
        process.stdout.write(`${formatRunSummary(outcome)}\n`);
        if (o.stats) await writeJson(resolve(o.stats), runStats(outcome));
        return 0;
      }
      case 'inspect': {
        const file = rest[0];
        if (!file) throw new UsageError('inspect needs a FILE');
        const { text, problems } = await inspectFile(resolve(file));
        process.stdout.write(`${text}\n`);
        if (problems.length > 0) {
          process.stderr.write(problems.map((p) => `${p}\n`).join(''));
          return 2;
        }
        return 0;
      }
      case 'index': {
        const file = rest[0];
        if (!file) throw new UsageError('index needs a FILE');
        const n = await indexFile(resolve(file), resolve(required(o.out, 'out')), progress);
        process.stdout.write(`wrote ${resolve(o.out!)} (${n} features, Hilbert-sorted, spatial index)\n`);
        return 0;
      }
      case 'generate': {
        if (o.history !== undefined) {
          // issue 11: year N+1 from year N (commands/generate-history.ts)
          const h = await generateHistory(o.history, required(o.out, 'out'), intOption(o.seed, 'seed', 0) ?? 2024);
          process.stdout.write(`wrote ${h.changesPath} (survey year ${h.plan.surveyYear})\nwrote ${h.layersPath}\nwrote ${join(resolve(o.out!), 'history.json')}\n`);
          return 0;
        }
        const crs = o.crs ?? 'gk';
        if (crs !== 'gk' && crs !== '4490') throw new UsageError(`--crs must be gk or 4490, got '${crs}'`);
        const files = await generateFiles(
          required(o.out, 'out'),
          { seed: intOption(o.seed, 'seed', 0) ?? 2024, changes: intOption(o.changes, 'changes', 1) ?? 3000, crs: crs === 'gk' ? 'gauss-kruger' : 'geographic' },
          progress,
        );
        process.stdout.write(`wrote ${files.changesPath}\nwrote ${files.layersPath}\n`);
        return 0;
      }
      // issue 11: the verification round trip (commands/verify.ts, commands/register.ts)
      case 'verify': {
        const v = await verifyAnswers({
          results: resolve(required(o.results, 'results')),
          county: countyOption(required(o.county, 'county')),
          file: resolve(required(o.file, 'file')),
          by: o.by ?? userInfo().username,
          year: intOption(o.year, 'year', 1900),
          asOf: asOfOption(o['as-of']),
        });
        process.stdout.write(`${v.text}\n`);
        if (v.problems.length > 0) process.stderr.write(v.problems.map((p) => `${p}\n`).join(''));
        return v.record.rejected.length > 0 ? 2 : 0;
      }
      case 'register': {
        process.stdout.write(`${await printRegister(resolve(required(o.results, 'results')), countyOption(required(o.county, 'county')), asOfOption(o['as-of']))}\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (err) {
    progress.done();
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof RejectedInputError) {
      process.stderr.write(err.reasons.map((r) => `${r}\n`).join(''));
      return 2;
    }
    if (err instanceof AnswerFileError || err instanceof NoCountyResultsError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && (command === 'verify' || command === 'register')) {
      process.stderr.write(`${(err as Error).message}\n`);
      return 2;
    }
    if (err instanceof FgbFormatError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    process.stderr.write(`landwatch: internal failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

// a closed pipe (`landwatch … | head`) is the reader's choice, not a failure
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const code = await main(process.argv.slice(2));
process.exitCode = code;
