// Peak resident memory per stage of a local run, sampled every 100 ms (the whole process: emulators included).
export class StageMemory {
  private current = 'setup';
  private readonly peak = new Map<string, number>();
  private readonly timer = setInterval(() => this.sample(), 100);

  /** The stage now running (a tile task sets `tiles`, a county task `finalize`). */
  stage(name: string): void {
    this.sample();
    this.current = name;
    this.sample();
  }

  private sample(): void {
    const rss = process.memoryUsage().rss;
    this.peak.set(this.current, Math.max(this.peak.get(this.current) ?? 0, rss));
  }

  peaks(): Record<string, number> {
    this.sample();
    return Object.fromEntries([...this.peak].map(([stage, rss]) => [stage, Math.round(rss / 2 ** 20)]));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
