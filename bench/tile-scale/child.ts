// Every measurement runs in a fresh child process, one at a time: `node` on an esbuild bundle of tile-scale (as a
// Lambda runs a bundle of its handler), the job as JSON on its command line, the report back over IPC with what
// the process cost to start and its peak memory.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { countyJob, finalizeJob, type CountyJobInput, type FinalizeJobInput } from './county-job.ts';
import { ingestJob, type IngestJobInput } from './ingest-job.ts';
import { cpuMs, MB, memoryFacts } from './process-facts.ts';
import { tileJob, type TileJobInput } from './tile-job.ts';

export type ChildJob = TileJobInput | IngestJobInput | CountyJobInput | FinalizeJobInput;

/** Reports are read back from JSON (saved raw results included), so they are kept as plain records. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Report = Record<string, any>;

/** The argument that makes the bundle a child. */
export const CHILD_FLAG = '--child';

/** In the child: runs the job and sends its report with the process facts every report has. */
export async function childMain(job: ChildJob): Promise<void> {
  const initMs = performance.now(); // Node bootstrap + bundle load
  const initCpuMs = cpuMs();
  const rssInitMB = process.memoryUsage().rss / MB;
  const result =
    job.mode === 'tile' ? await tileJob(job)
    : job.mode === 'ingest' ? await ingestJob(job)
    : job.mode === 'county' ? await countyJob(job)
    : await finalizeJob(job);
  process.send!({ initMs, initCpuMs, rssInitMB, ...memoryFacts(), ...result }, () => process.exit(0));
}

/** Bundles the entry script for the children (node20, ESM, like the Lambda bundles). */
export async function bundleChild(entry: string, dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(dir, 'tile-scale-child.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __lwCreateRequire } from 'node:module'; const require = __lwCreateRequire(import.meta.url);" },
    external: ['geos-wasm', 'esbuild'],
  });
  return outfile;
}

export function runChild(bundle: string, job: ChildJob): Promise<Report> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(bundle, [CHILD_FLAG, JSON.stringify(job)], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: Report | undefined;
    child.on('message', (m) => (report = m as Report));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && report ? resolvePromise(report) : reject(new Error(`child ${job.mode} exited with ${code}`))));
  });
}
