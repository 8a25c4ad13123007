// Memory of a local run (docs/SCALE.md, "How memory is measured"), sampled every 100 ms:
// - per stage, the peak resident memory of the whole process (emulators and the interpreter included);
// - per Lambda invocation (ingest, each tile, each county's finalize), its wall time and the growth of the JS heap plus
//   Buffers/ArrayBuffers over what the process held when it started. The handlers run in this process, so RSS alone
//   cannot tell an invocation from s3rver's buffers; a full GC before an ingest or finalize invocation (they run one
//   at a time) makes its starting point what was live, and the growth is what a Lambda of that function would hold on
//   top of its runtime. Tiles run concurrently in the Distributed Map: their growth is the stage's, not one tile's.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MiB = 2 ** 20;
/** What an invocation holds: the JS heap and the memory outside it that Buffers and ArrayBuffers take. */
const held = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

interface Invocation {
  name: string;
  startedAt: number;
  cpu: NodeJS.CpuUsage;
  base: number;
  peak: number;
  peakRss: number;
}

export interface InvocationRecord {
  /** `ingest`, `tile`, `finalize {countyCode}`, `outcome` */
  name: string;
  count: number;
  /** total and longest wall time of the invocations (ms) */
  totalMs: number;
  maxMs: number;
  /** total and largest CPU time of the process while they ran (user + system, ms): with --serial, the invocation's
   * own plus the emulators serving its requests; unlike wall time, not stretched by other jobs on the machine */
  totalCpuMs: number;
  maxCpuMs: number;
  /** the largest growth of heap + external memory over the invocation's start (MiB) */
  peakGrowthMiB: number;
  /** the process's largest RSS while one of them ran (MiB) */
  peakRssMiB: number;
}

export class StageMemory {
  private stageNow = 'setup';
  private readonly peak = new Map<string, number>();
  private readonly active = new Set<Invocation>();
  private readonly done = new Map<string, InvocationRecord>();
  private readonly timer = setInterval(() => this.sample(), 100);
  private readonly t0 = performance.now();

  /** `onInvocation`: told of every invocation as it ends (the runner prints a progress line of each). */
  constructor(private readonly onInvocation?: (line: Record<string, unknown>) => void) {}

  /** The stage running now. */
  get current(): string {
    return this.stageNow;
  }

  /** The stage now running (a tile task sets `tiles`, a county task `finalize`). */
  stage(name: string): void {
    this.sample();
    this.stageNow = name;
    this.sample();
  }

  /** Runs one Lambda invocation and records its time and memory; `collect` runs a full GC first (not for tiles,
   * which overlap and number in the thousands). */
  async invocation<T>(name: string, fn: () => Promise<T>, collect: boolean): Promise<T> {
    if (collect) gc();
    const rss = process.memoryUsage().rss;
    const inv: Invocation = { name, startedAt: performance.now(), cpu: process.cpuUsage(), base: held(), peak: 0, peakRss: rss };
    this.active.add(inv);
    try {
      return await fn();
    } finally {
      this.sample();
      this.active.delete(inv);
      const ms = performance.now() - inv.startedAt;
      const cpu = process.cpuUsage(inv.cpu);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const r = this.done.get(name) ?? { name, count: 0, totalMs: 0, maxMs: 0, totalCpuMs: 0, maxCpuMs: 0, peakGrowthMiB: 0, peakRssMiB: 0 };
      r.count++;
      r.totalMs += ms;
      r.maxMs = Math.max(r.maxMs, ms);
      r.totalCpuMs += cpuMs;
      r.maxCpuMs = Math.max(r.maxCpuMs, cpuMs);
      r.peakGrowthMiB = Math.max(r.peakGrowthMiB, inv.peak / MiB);
      r.peakRssMiB = Math.max(r.peakRssMiB, inv.peakRss / MiB);
      this.done.set(name, r);
      const round = (x: number) => Math.round(x * 10) / 10;
      this.onInvocation?.({ s: round((performance.now() - this.t0) / 1000), name, n: r.count, ms: Math.round(ms), cpuMs: Math.round(cpuMs), growthMiB: round(inv.peak / MiB), rssMiB: Math.round(inv.peakRss / MiB) });
    }
  }

  private sample(): void {
    const rss = process.memoryUsage().rss;
    this.peak.set(this.stageNow, Math.max(this.peak.get(this.stageNow) ?? 0, rss));
    if (this.active.size === 0) return;
    const now = held();
    for (const inv of this.active) {
      inv.peak = Math.max(inv.peak, now - inv.base);
      inv.peakRss = Math.max(inv.peakRss, rss);
    }
  }

  peaks(): Record<string, number> {
    this.sample();
    return Object.fromEntries([...this.peak].map(([stage, rss]) => [stage, Math.round(rss / MiB)]));
  }

  /** Every kind of invocation, in the order they first ran, figures rounded. */
  invocations(): InvocationRecord[] {
    return [...this.done.values()].map((r) => ({ ...r, totalMs: Math.round(r.totalMs), maxMs: Math.round(r.maxMs), totalCpuMs: Math.round(r.totalCpuMs), maxCpuMs: Math.round(r.maxCpuMs), peakGrowthMiB: Math.round(r.peakGrowthMiB), peakRssMiB: Math.round(r.peakRssMiB) }));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
