// What a measuring child reports about its own process: CPU time (user + system, all threads: a 1-vCPU Lambda pays
// for V8's helper threads too) and memory (ru_maxrss: the whole process, Node included, which Lambda's limit counts).
export const MB = 1024 * 1024;

export function cpuMs(since: NodeJS.CpuUsage = { user: 0, system: 0 }): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

export function memoryFacts(): { peakRssMB: number; heapUsedEndMB: number } {
  return { peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB, heapUsedEndMB: process.memoryUsage().heapUsed / MB };
}

/** Wall and CPU ms of one phase. */
export interface Spent {
  ms: number;
  cpuMs: number;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; spent: Spent }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const value = await work();
  return { value, spent: { ms: performance.now() - t, cpuMs: cpuMs(c) } };
}
