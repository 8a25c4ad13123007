// `node --import tsx bench/thread-cpu.ts [--every SECONDS] -- COMMAND ARGS…`: runs the command and prints the CPU time
// each of its threads used in every window (Linux: /proc/PID/task/TID/stat, user + system), then the totals — to see
// which threads fill the cores (bench/DETECT-PROFILE.md, "Where the second core goes"). Thread ids stand for threads:
// Node 20 names them all `node`, so tell them apart by when they work (the main thread from the start, the md5 worker
// during validate, a tile worker during detect, V8's platform threads — compiler and garbage collector — throughout).
// Not part of the test suite.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const dash = args.indexOf('--');
if (dash < 0 || dash === args.length - 1) {
  process.stderr.write('usage: node --import tsx bench/thread-cpu.ts [--every SECONDS] -- COMMAND ARGS…\n');
  process.exit(2);
}
const everyAt = args.indexOf('--every');
const every = everyAt >= 0 && everyAt < dash ? Number(args[everyAt + 1]) : 0.5;
const [command, ...rest] = args.slice(dash + 1);
const child = spawn(command!, rest, { stdio: ['ignore', 'ignore', 'inherit'] });
const ticksPerSecond = 100; // USER_HZ on Linux
const last = new Map<string, number>();
const rows: { t: number; cpu: Map<string, number> }[] = [];
const t0 = performance.now();

function sample(): void {
  const cpu = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${child.pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      cpu.set(tid, ((ticks - (last.get(tid) ?? 0)) * 1000) / ticksPerSecond);
      last.set(tid, ticks);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  rows.push({ t: (performance.now() - t0) / 1000, cpu });
}

const timer = setInterval(sample, every * 1000);
child.on('exit', () => {
  clearInterval(timer);
  const tids = [...last.keys()];
  const line = (label: string, values: number[]) => `${label.padStart(6)} ${values.map((v) => v.toFixed(0).padStart(8)).join('')}\n`;
  process.stdout.write(`${'t s'.padStart(6)} ${tids.map((t) => t.padStart(8)).join('')}   (ms of CPU per thread id in each window)\n`);
  for (const r of rows) process.stdout.write(line(r.t.toFixed(1), tids.map((t) => r.cpu.get(t) ?? 0)));
  process.stdout.write(line('total', tids.map((t) => rows.reduce((n, r) => n + (r.cpu.get(t) ?? 0), 0))));
});
