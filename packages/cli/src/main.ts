// landwatch — command line (README "Command line"). Exit codes: 0 success, 2 rejected input or a wrong path or
// argument (reasons on stderr, one per line, never a stack trace), 1 internal failure.
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ClassificationOptionError, parseClassificationOption, RejectedInputError } from '@landwatch/core';
import { asFlatGeobuf } from '@landwatch/formats';
import { FgbFormatError } from '@landwatch/fgb';
import { AwsUsageError } from './commands/aws-usage.ts'; // issue 12: landwatch aws (the command is imported when it runs)
import cliPackage from '../package.json' with { type: 'json' };
import { inputDelivery, inputFile, outputDir, outputFile, pathErrorLine, UsageError } from './cli-paths.ts';
import { convertFile, describeConversion } from './commands/convert.ts';
import { COMMANDS, commandHelp, commandSpec, globalHelp, nearestCommand, OPTIONS, type CommandSpec, type OptionName } from './command-help.ts';
import { AnswerFileError } from '@landwatch/core/verification';
import { userInfo } from 'node:os';
import { generateFiles } from './commands/generate.ts';
import { generateHistory } from './commands/generate-history.ts';
import { NoCountyResultsError, printRegister } from './commands/register.ts';
import { verifyAnswers } from './commands/verify.ts';
import { indexFile } from './commands/index-file.ts';
import { inspectFile } from './commands/inspect.ts';
import { formatRunSummary } from './commands/print-summary.ts';
import { runLocal, runStats, writeJson } from './local-run.ts';
import { createProgress } from './progress.ts';

type Values = { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function intOption(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got '${v}'`);
  return n;
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

function required(v: string | undefined, name: string): string {
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** The parse error of node:util parseArgs as our one line. */
function parseErrorLine(err: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(err.message)?.[1];
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? err.message}`;
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${option ?? 'an option'} needs a value`;
  return err.message;
}

/** Refuses options that the command does not take, and a wrong number of FILE arguments. */
function checkArguments(spec: CommandSpec, values: Values, files: string[]): void {
  for (const name of Object.keys(values) as OptionName[]) {
    if (name === 'help' || name === 'version' || name in spec.options) continue;
    throw new UsageError(`${spec.name} does not take --${name}`);
  }
  if (files.length > spec.files.count) {
    if (spec.files.count === 0) throw new UsageError(`${spec.name} takes no FILE argument, got '${files[0]}'`);
    if (spec.files.count === 1) throw new UsageError(`${spec.name} takes one ${spec.files.label}, got ${files.length}`);
    throw new UsageError(`${spec.name} takes ${spec.files.label}, got ${files.length} arguments`);
  }
  if (files.length < spec.files.count) throw new UsageError(`${spec.name} needs ${spec.files.count === 1 ? 'a ' : ''}${spec.files.label}`);
}

async function runCommand(spec: CommandSpec, o: Values, files: string[]): Promise<number> {
  const progress = createProgress({ enabled: o.progress });
  try {
    switch (spec.name) {
      case 'aws': {
        // issue 12; the AWS SDK is evaluated only for this command (it was about 0.1 s of every command's start)
        const { awsCommand } = await import('./commands/aws.ts');
        return await awsCommand(files, (line) => process.stdout.write(`${line}\n`));
      }
      case 'demo': {
        const out = resolve(await outputDir(o.out ?? 'landwatch-demo', '--out'));
        const options = { seed: intOption(o.seed, 'seed', 0) ?? 2024, changes: intOption(o.changes, 'changes', 1) ?? 3000 };
        const workers = intOption(o.workers, 'workers', 0);
        const data = await generateFiles(join(out, 'data'), options, progress);
        const outcome = await runLocal({ changesPath: data.changesPath, layersPath: data.layersPath, outDir: out, workers, progress });
        process.stdout.write(`${formatRunSummary(outcome)}\n`);
        for (const d of outcome.outputDirs) {
          process.stdout.write(`report: ${join(d, 'report.html')}\nworkbook: ${join(d, 'detections.xlsx')}\nalert: ${join(d, 'alert.json')}\n`);
        }
        return 0;
      }
      case 'run': {
        const options = {
          changesPath: await inputDelivery(required(o.changes, 'changes'), '--changes'),
          layersPath: await inputFile(required(o.layers, 'layers'), '--layers'),
          outDir: await outputDir(required(o.out, 'out'), '--out'),
          year: intOption(o.year, 'year', 1900),
          fieldMapPath: o['field-map'] === undefined ? undefined : await inputFile(o['field-map'], '--field-map'),
          workers: intOption(o.workers, 'workers', 0),
          tileMaxFeatures: intOption(o['tile-size'], 'tile-size', 1),
          layer: o.layer,
          classification: parseClassificationOption(o.classification, '--classification'),
          progress,
        };
        const stats = o.stats === undefined ? undefined : resolve(await outputFile(o.stats, '--stats', 'created'));
        const outcome = await runLocal(options);
        process.stdout.write(`${formatRunSummary(outcome)}\n`);
        if (stats) await writeJson(stats, runStats(outcome));
        return 0;
      }
      case 'inspect': {
        const file = await inputDelivery(files[0]!, 'FILE');
        const classification = parseClassificationOption(o.classification, '--classification');
        // other formats: a converted copy, removed afterwards
        const delivery = await asFlatGeobuf(resolve(file), { layer: o.layer });
        let inspected;
        try {
          inspected = await inspectFile(delivery.path, classification);
        } finally {
          await delivery.cleanup();
        }
        const { text, problems } = inspected;
        if (delivery.conversion) process.stdout.write(`converted:     ${describeConversion(delivery.conversion).replace(/^wrote \S+ /, `${file} `)}\n`);
        process.stdout.write(`${text}\n`);
        if (problems.length > 0) {
          process.stderr.write(problems.map((p) => `${p}\n`).join(''));
          return 2;
        }
        return 0;
      }
      case 'index': {
        const input = resolve(await inputDelivery(files[0]!, 'FILE'));
        const output = resolve(await outputFile(required(o.out, 'out'), '--out'));
        if (output === input) throw new UsageError(`--out ${output}: is the input file; write the indexed copy elsewhere`);
        // other formats: a converted copy, removed afterwards
        const delivery = await asFlatGeobuf(input, { layer: o.layer });
        let n;
        try {
          n = await indexFile(delivery.path, output, progress);
        } finally {
          await delivery.cleanup();
        }
        process.stdout.write(`wrote ${output} (${n} features, Hilbert-sorted, spatial index)\n`);
        return 0;
      }
      case 'convert': {
        const input = resolve(await inputDelivery(files[0]!, 'IN'));
        const output = resolve(await outputFile(required(o.out, 'out'), '--out'));
        if (output === input) throw new UsageError(`--out ${output}: is the input file; write the FlatGeobuf elsewhere`);
        const result = await convertFile(input, output, o.layer, progress);
        process.stdout.write(`${describeConversion(result)}\n`);
        return 0;
      }
      case 'generate': {
        if (o.history !== undefined) {
          // year N+1 from year N (commands/generate-history.ts)
          const out = await outputDir(required(o.out, 'out'), '--out');
          const h = await generateHistory(o.history, out, intOption(o.seed, 'seed', 0) ?? 2024);
          process.stdout.write(`wrote ${h.changesPath} (survey year ${h.plan.surveyYear})\nwrote ${h.layersPath}\nwrote ${join(resolve(out), 'history.json')}\n`);
          return 0;
        }
        const crs = o.crs ?? 'gk';
        if (crs !== 'gk' && crs !== '4490') throw new UsageError(`--crs must be gk or 4490, got '${crs}'`);
        const out = await outputDir(required(o.out, 'out'), '--out');
        const options = { seed: intOption(o.seed, 'seed', 0) ?? 2024, changes: intOption(o.changes, 'changes', 1) ?? 3000, crs: crs === 'gk' ? ('gauss-kruger' as const) : ('geographic' as const) };
        const written = await generateFiles(out, options, progress);
        process.stdout.write(`wrote ${written.changesPath}\nwrote ${written.layersPath}\n`);
        return 0;
      }
      // the verification round trip (commands/verify.ts, commands/register.ts)
      case 'verify': {
        const v = await verifyAnswers({
          results: resolve(required(o.results, 'results')),
          county: countyOption(required(o.county, 'county')),
          file: resolve(await inputFile(required(o.file, 'file'), '--file')),
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
        throw new Error(`command '${spec.name}' has a spec but no implementation`);
    }
  } finally {
    progress.done();
  }
}

export async function main(argv: string[]): Promise<number> {
  const say = (line: string) => process.stderr.write(`landwatch: ${line}\n`);
  const commandName = argv.find((a) => !a.startsWith('-'));
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    const spec = commandName === undefined ? undefined : commandSpec(commandName);
    say(`${spec ? `${spec.name}: ` : ''}${parseErrorLine(err as Error)} (see landwatch ${spec ? `${spec.name} ` : ''}--help)`);
    return 2;
  }
  const { values, positionals } = parsed;
  const o = values as Values;
  const [command, ...files] = positionals;
  if (command === undefined) {
    if (o.version) {
      process.stdout.write(`landwatch ${cliPackage.version} (Node ${process.versions.node})\n`);
      return 0;
    }
    process.stdout.write(`${globalHelp()}\n`);
    return o.help ? 0 : 2;
  }
  if (command === 'help') {
    const spec = files[0] === undefined ? undefined : commandSpec(files[0]);
    if (files[0] !== undefined && !spec) return unknownCommand(files[0], say);
    process.stdout.write(`${spec ? commandHelp(spec) : globalHelp()}\n`);
    return 0;
  }
  const spec = commandSpec(command);
  if (!spec) return unknownCommand(command, say);
  if (o.help) {
    process.stdout.write(`${commandHelp(spec)}\n`);
    return 0;
  }
  try {
    checkArguments(spec, o, files);
    return await runCommand(spec, o, files);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ClassificationOptionError || err instanceof AwsUsageError) {
      say(`${spec.name}: ${err.message} (see landwatch ${spec.name} --help)`);
      return 2;
    }
    if (err instanceof RejectedInputError) {
      process.stderr.write(err.reasons.map((r) => `${r}\n`).join(''));
      return 2;
    }
    if (err instanceof FgbFormatError || err instanceof AnswerFileError || err instanceof NoCountyResultsError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    const pathError = pathErrorLine(err);
    if (pathError) {
      say(`${spec.name}: ${pathError}`);
      return 2;
    }
    process.stderr.write(`landwatch: internal failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

function unknownCommand(typed: string, say: (line: string) => void): number {
  const near = nearestCommand(typed);
  say(`unknown command '${typed}'${near ? `; did you mean '${near}'?` : ''} (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
  return 2;
}

// a closed pipe (`landwatch … | head`) is the reader's choice, not a failure
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const code = await main(process.argv.slice(2));
process.exitCode = code;
