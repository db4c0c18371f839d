// SPDX-License-Identifier: Apache-2.0

export type ProbePort = 'engine' | 'supervisor' | 'ssh';

/**
 * Probes never pile up: one in flight per board per port (a hanging board costs one timeout per
 * round, not a growing queue), and a cap on how many run at once across hundreds of boards.
 */
export class ProbeScheduler {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly maxConcurrent = 64) {}

  /**
   * Runs `work`, unless the same probe of the same board is still in flight: then the caller
   * joins that one. One port's probe always yields the same type, hence the cast.
   */
  run<T>(board: string, port: ProbePort, work: () => Promise<T>): Promise<T> {
    const key = `${port}|${board}`;
    const current = this.inFlight.get(key);
    if (current) return current as Promise<T>;
    const promise = this.slot()
      .then(work)
      .finally(() => {
        this.inFlight.delete(key);
        this.running--;
        this.waiting.shift()?.();
      });
    this.inFlight.set(key, promise);
    return promise;
  }

  isRunning(board: string, port: ProbePort): boolean {
    return this.inFlight.has(`${port}|${board}`);
  }

  get active(): number {
    return this.running;
  }

  private slot(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.running++;
        resolve();
      }),
    );
  }
}
