// The commands of `landwatch`, each with the options it takes and their help text (rules as data: main.ts parses
// against this table, `landwatch CMD --help` prints it, a typo is matched against its names).

import { AWS_USAGE } from './commands/aws-usage.ts';

/** Every option the command line knows (node:util parseArgs form). */
export const OPTIONS = {
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
  layer: { type: 'string' },
  classification: { type: 'string' },
  results: { type: 'string' },
  county: { type: 'string' },
  file: { type: 'string' },
  by: { type: 'string' },
  'as-of': { type: 'string' },
  history: { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type OptionName = keyof typeof OPTIONS;

export interface CommandSpec {
  name: string;
  /** one line for the command list */
  summary: string;
  /** the synopsis */
  usage: string;
  /** FILE arguments (for `aws`: the subcommand and its target): how many, and what they are */
  files: { count: 0 | 1 | 2; label?: string };
  /** the options it takes, with their help text for this command */
  options: Partial<Record<OptionName, string>>;
  /** a paragraph after the options */
  notes?: string;
}

const PROGRESS = 'progress lines on stderr even when it is not a terminal';
const LAYER = 'the layer of a GeoPackage, .gdb or zip to read (default DLTBGXGC, else the only polygon layer)';
const CLASSIFICATION = 'land-use codes are 三调 (sandiao) or 用地用海 2023 (ydyh); auto (default) decides from the codes';
const FORMATS =
  'FILE: .fgb, .gpkg, .shp (with .shx/.dbf; the .dbf is read as GBK unless a .cpg says otherwise), a .gdb folder, or a\n' +
  '.zip holding one Shapefile set or one .gdb (docs/FORMATS.md).';
const WORKERS = 'worker threads besides the main thread (default: one per core beyond two)';

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'demo',
    summary: 'generate a county, run, print summary, write report',
    usage: 'landwatch demo [--out DIR] [--changes N] [--seed S] [--workers N]',
    files: { count: 0 },
    options: {
      out: 'output directory (default ./landwatch-demo): data/ and results/ go there',
      changes: 'pieces in the generated change layer (default 3000)',
      seed: 'random seed of the generated county (default 2024)',
      workers: WORKERS,
      progress: PROGRESS,
    },
  },
  {
    name: 'run',
    summary: 'detect conversions of 耕地 in a change layer, write the result files',
    usage:
      'landwatch run --changes FILE --layers layers.json --out DIR [--year N] [--field-map FILE] [--workers N] [--tile-size N] [--stats FILE] [--layer NAME] [--classification sandiao|ydyh|auto]',
    files: { count: 0 },
    options: {
      changes: 'the change layer (DLTBGXGC): FlatGeobuf, GeoPackage, Shapefile, .gdb or a zip of one',
      layers: 'the protection-layer registry (layers.json)',
      out: 'output directory: results/{year}/{county}/{runId}/ and runs/{runId}/',
      year: 'survey year, only for data without SJNF/GXSJ; must agree with the data otherwise',
      'field-map': 'JSON file renaming fields, e.g. {"BGQDLBM": "OLD_CODE"}',
      workers: WORKERS,
      'tile-size': 'pieces per tile (default 2000)',
      stats: 'write timings and counts as JSON to this file',
      layer: LAYER,
      classification: CLASSIFICATION,
      progress: PROGRESS,
    },
    notes:
      `${FORMATS} layers.json entries may name a \`"layer"\` the same way.\n` +
      'The survey year is the one the data carry (SJNF, else GXSJ); --year only fills in where they carry none, and\n' +
      'the path or file name (changes/2024/…, …-2024.fgb) is the last resort.',
  },
  {
    name: 'inspect',
    summary: 'header, CRS, fields, counts, index, code histogram of a change layer',
    usage: 'landwatch inspect FILE [--layer NAME] [--classification sandiao|ydyh|auto]',
    files: { count: 1, label: 'FILE' },
    options: { layer: LAYER, classification: CLASSIFICATION },
    notes: `Exit code 2 and every problem on stderr when the file would be rejected by \`landwatch run\`.\n${FORMATS}`,
  },
  {
    name: 'index',
    summary: 'write a Hilbert-sorted FlatGeobuf with a spatial index',
    usage: 'landwatch index FILE --out FILE [--layer NAME]',
    files: { count: 1, label: 'FILE' },
    options: { out: 'the indexed copy to write (a file; its folder must exist)', layer: LAYER, progress: PROGRESS },
    notes: FORMATS,
  },
  {
    name: 'convert',
    summary: 'convert a GeoPackage, Shapefile, .gdb or zip into an indexed FlatGeobuf',
    usage: 'landwatch convert IN --out OUT.fgb [--layer NAME]',
    files: { count: 1, label: 'IN' },
    options: { out: 'the FlatGeobuf to write (a file; its folder must exist)', layer: LAYER },
    notes: FORMATS.replace('FILE', 'IN'),
  },
  {
    name: 'generate',
    summary: 'deterministic synthetic county data set',
    usage: 'landwatch generate --out DIR [--changes N] [--seed S] [--crs gk|4490] [--history DIR]',
    files: { count: 0 },
    options: {
      out: 'output directory for the change layer, layers/ and layers.json',
      changes: 'pieces in the change layer (default 3000)',
      seed: 'random seed (default 2024)',
      crs: 'gk (CGCS2000 Gauss-Krüger, default) or 4490 (CGCS2000 lon/lat)',
      history: 'a folder generated for survey year N: write year N+1 from it (restored, repeated and false-change cases planted)',
      progress: PROGRESS,
    },
  },
  {
    name: 'verify',
    summary: "apply a county office's answers to its case register",
    usage: 'landwatch verify --results DIR --county CODE --file answers.csv [--by NAME] [--year N] [--as-of YYYY-MM-DD]',
    files: { count: 0 },
    options: {
      results: 'the --out folder of landwatch run (several survey years share one register)',
      county: 'the 6-digit county code the answers are for',
      file: 'the answer CSV (docs/VERIFICATION.md)',
      by: 'who sent the answers (default: the user name)',
      year: 'the survey year the answers are for (default: the latest run of the county)',
      'as-of': 'the day overdue is judged on (default today)',
    },
    notes: 'Exit code 0 when every row was applied, 2 when any row was rejected (the valid rows are applied all the same).',
  },
  {
    name: 'register',
    summary: "rebuild and print a county's case register",
    usage: 'landwatch register --results DIR --county CODE [--as-of YYYY-MM-DD]',
    files: { count: 0 },
    options: {
      results: 'the --out folder of landwatch run',
      county: 'the 6-digit county code',
      'as-of': 'the day overdue is judged on (default today)',
    },
  },
  {
    // issue 12: a deployed run, through the AWS APIs (packages/cli/src/commands/aws.ts)
    name: 'aws',
    summary: 'where a deployed run stands; redrive a failed run, rerun a finished one',
    usage: 'landwatch aws status RUN_ID|UPLOAD_KEY | landwatch aws redrive RUN_ID | landwatch aws rerun RUN_ID',
    files: { count: 2, label: 'status, redrive or rerun and a RUN_ID (status: or an UPLOAD_KEY)' },
    options: {},
    notes:
      AWS_USAGE +
      '\nConfiguration as for the functions: LANDWATCH_RESULTS_BUCKET, LANDWATCH_STATE_MACHINE_ARN (stack outputs), AWS_REGION\n' +
      'and credentials from the usual chain (docs/RUNBOOK.md).',
  },
];

export const commandSpec = (name: string) => COMMANDS.find((c) => c.name === name);

const EXIT_CODES = 'exit codes: 0 done, 2 input rejected (reasons on stderr, one per line), 1 internal failure';

/** `landwatch --help`: the commands. */
export function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `landwatch — detects conversions of cultivated land (耕地) in annual land-survey change layers

usage: landwatch COMMAND [options]     landwatch COMMAND --help     landwatch --version

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

${EXIT_CODES}`;
}

/** `landwatch CMD --help`: that command's own options. */
export function commandHelp(spec: CommandSpec): string {
  const flags = Object.keys(spec.options).map((o) => `--${o}${OPTIONS[o as OptionName].type === 'string' ? ' VALUE' : ''}`);
  const width = Math.max(0, ...flags.map((f) => f.length));
  const lines = Object.entries(spec.options).map(([, text], i) => `  ${flags[i]!.padEnd(width)}  ${text}`);
  return `landwatch ${spec.name} — ${spec.summary}

usage: ${spec.usage}
${lines.length > 0 ? `\noptions:\n${lines.join('\n')}\n` : ''}${spec.notes ? `\n${spec.notes}\n` : ''}
${EXIT_CODES}`;
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The command a typo most likely meant: the nearest name, if it is near (or the typo is a prefix of it). */
export function nearestCommand(typed: string): string | undefined {
  const t = typed.toLowerCase();
  const ranked = COMMANDS.map((c) => ({ name: c.name, d: c.name.startsWith(t) && t.length >= 2 ? 0 : distance(t, c.name) })).sort(
    (a, b) => a.d - b.d || a.name.localeCompare(b.name),
  );
  const best = ranked[0]!;
  return best.d <= Math.max(1, Math.floor(best.name.length / 3)) ? best.name : undefined;
}
