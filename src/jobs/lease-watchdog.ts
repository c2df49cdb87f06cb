// Returns jobs whose lease expired (a worker died or hung) to the queue, on a timer.
import type { JobQueue } from './job-queue.js';

export class LeaseWatchdog {
  private timer: NodeJS.Timeout | undefined;
  /** Sweeps are failing (the database is down): logged once per outage. */
  private failing = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly intervalMs: number,
    private readonly log: (msg: string, extra?: object) => void = () => {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async sweep(now = Date.now()): Promise<number> {
    try {
      const n = await this.queue.requeueExpired(now);
      if (this.failing) this.log('lease watchdog sweeping again');
      this.failing = false;
      if (n > 0) this.log('lease watchdog re-queued expired jobs', { count: n });
      return n;
    } catch (err) {
      if (!this.failing) this.log('lease watchdog sweep failed; retrying every interval', { err: String(err) });
      this.failing = true;
      return 0;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
