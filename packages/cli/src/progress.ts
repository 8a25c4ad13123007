// Progress on stderr: a redrawn bar on a TTY, nothing in pipes unless asked (then one line per step).
export interface Progress {
  stage(name: string): void;
  update(done: number, total: number, unit: string): void;
  done(): void;
}

export const SILENT: Progress = { stage() {}, update() {}, done() {} };

export function createProgress(opts: { enabled?: boolean; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  if (!tty && !opts.enabled) return SILENT;
  let stageName = '';
  let started = performance.now();
  let lastLine = 0;
  let drawn = false;
  return {
    stage(name) {
      if (drawn && tty) stream.write('\n');
      drawn = false;
      stageName = name;
      started = performance.now();
      if (!tty) stream.write(`${name}…\n`);
    },
    update(done, total, unit) {
      const now = performance.now();
      if (!tty && now - lastLine < 1000 && done < total) return;
      lastLine = now;
      const rate = done / Math.max((now - started) / 1000, 1e-3);
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const width = 28;
      const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
      const line = `${stageName.padEnd(10)} [${bar}] ${done}/${total} ${unit} ${rate.toFixed(0)}/s`;
      if (tty) {
        stream.write(`\r${line}`);
        drawn = true;
      } else stream.write(`${line}\n`);
    },
    done() {
      if (drawn && tty) stream.write('\n');
      drawn = false;
    },
  };
}
