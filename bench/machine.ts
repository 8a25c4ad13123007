// What the benchmark ran on: date, cores, memory, CPU model, Node, load — printed with every result.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, freemem, loadavg, release, totalmem } from 'node:os';

export interface Machine {
  /** ISO date-time, UTC. */
  dateUtc: string;
  /** `nproc`. */
  cores: number;
  cpuModel: string;
  totalMemGiB: number;
  freeMemGiB: number;
  nodeVersion: string;
  kernel: string;
  /** 1-, 5- and 15-minute load averages when the bench started (the machine is shared: read ratios, not seconds). */
  loadAverage: number[];
  /** `ogr2ogr --version`, when GDAL is there. */
  gdalVersion: string | undefined;
}

const GIB = 1024 ** 3;

export function describeMachine(): Machine {
  return {
    dateUtc: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    cores: availableParallelism(),
    cpuModel: cpuModel(),
    totalMemGiB: round1(totalmem() / GIB),
    freeMemGiB: round1(freemem() / GIB),
    nodeVersion: process.version,
    kernel: release(),
    loadAverage: loadavg().map(round1),
    gdalVersion: tryOutput('ogr2ogr', ['--version']),
  };
}

export function machineLines(m: Machine): string[] {
  return [
    `date (UTC)   ${m.dateUtc}`,
    `machine      ${m.cores} cores (nproc), ${m.cpuModel}, ${m.totalMemGiB} GiB RAM (${m.freeMemGiB} GiB free), Linux ${m.kernel}`,
    `software     Node ${m.nodeVersion}${m.gdalVersion ? `, ${m.gdalVersion}` : ''}`,
    `load average ${m.loadAverage.join(' ')} at start (shared machine: compare ratios from the same run, not seconds across runs)`,
  ];
}

/** Current 1-minute load average, for the progress log. */
export function loadNow(): number {
  return round1(loadavg()[0]);
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

function tryOutput(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
