// Runs `npm run pipeline:local` (scripts/pipeline-local.ts) as an engineer would, and reads back what it wrote.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface PipelineLocalRun {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
  /** DIR/pipeline-local.json */
  summary: { runId?: string; state: string; executions: { name: string; status: string; error?: string }[]; alerts: Record<string, number>; peakRssMiB: Record<string, number>; seconds: number };
  /** DIR/alerts/{code}.jsonl, parsed */
  alerts: Record<string, any[]>;
  runEvents: any[];
  /** DIR/results/… by key (`results/{year}/{county}/{runId}/{file}`) */
  results: Map<string, Buffer>;
}

export function runPipelineLocal(args: string[], out: string, timeoutMs = 600_000): Promise<PipelineLocalRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'scripts', 'pipeline-local.ts'), ...args, '--out', out], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const read = (name: string) => (existsSync(join(out, name)) ? readFileSync(join(out, name), 'utf8') : '');
      const lines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const alerts: Record<string, any[]> = {};
      if (existsSync(join(out, 'alerts'))) for (const f of readdirSync(join(out, 'alerts'))) alerts[f.replace(/\.jsonl$/, '')] = lines(read(join('alerts', f)));
      const results = new Map<string, Buffer>();
      const resultsDir = join(out, 'results');
      if (existsSync(resultsDir)) {
        for (const f of readdirSync(resultsDir, { recursive: true }) as string[]) {
          const path = join(resultsDir, f);
          if (f.includes('.')) results.set(relative(out, path).split('\\').join('/'), readFileSync(path));
        }
      }
      const summaryText = read('pipeline-local.json');
      resolve({ code: code ?? -1, stdout, stderr, out, summary: summaryText ? JSON.parse(summaryText) : { state: 'none', executions: [], alerts: {}, peakRssMiB: {}, seconds: 0 }, alerts, runEvents: lines(read('run-events.jsonl')), results });
    });
  });
}
