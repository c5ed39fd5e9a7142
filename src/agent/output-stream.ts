import type { CellRun } from './executor';

/** What the streamer needs of a WebSocket (so it can be tested without one). */
export interface Outlet {
  readonly bufferedAmount: number;
  send(data: string): void;
  readonly open: boolean;
}

export interface StreamLimits {
  /** Send what has gathered at least this often. */
  flushMs: number;
  /** ...or as soon as this many bytes are waiting. */
  flushBytes: number;
  /** Pause the run's pipes when the socket holds more than this unsent... */
  highWaterBytes: number;
  /** ...and resume once it is down to this. */
  lowWaterBytes: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { flushMs: 25, flushBytes: 32 * 1024, highWaterBytes: 256 * 1024, lowWaterBytes: 64 * 1024 };

/**
 * One run's output on its way to the page. Pipe chunks (often a few bytes each) are gathered
 * into one message per window, and when the page stops reading (a stalled tab, a slow link)
 * the run's pipes are paused: the cell then blocks on its own write instead of the agent
 * buffering without bound. The output cap of src/runner still ends a flood.
 */
export class OutputStreamer {
  private pending: { stream: 'stdout' | 'stderr'; data: string }[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private drainTimer: NodeJS.Timeout | undefined;
  private paused = false;
  private run: CellRun | undefined;

  constructor(
    private readonly outlet: Outlet,
    private readonly requestId: string,
    private readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS,
  ) {}

  /** The run is known only after start; output may arrive before. */
  attach(run: CellRun): void {
    this.run = run;
    if (this.paused) run.pause?.();
  }

  push(stream: 'stdout' | 'stderr', data: string): void {
    const last = this.pending.at(-1);
    if (last && last.stream === stream) last.data += data;
    else this.pending.push({ stream, data });
    this.pendingBytes += data.length;
    if (this.pendingBytes >= this.limits.flushBytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.limits.flushMs);
  }

  /** Sends everything gathered; called before `done` so output never trails the end. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const parts = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.outlet.open) return;
    for (const part of parts) this.outlet.send(JSON.stringify({ type: 'output', requestId: this.requestId, stream: part.stream, data: part.data }));
    if (!this.paused && this.outlet.bufferedAmount > this.limits.highWaterBytes) this.pause();
  }

  /** Stops the timers; the run is over or its socket is gone. */
  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.drainTimer);
    this.timer = this.drainTimer = undefined;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private pause(): void {
    this.paused = true;
    this.run?.pause?.();
    const check = (): void => {
      if (!this.outlet.open || this.outlet.bufferedAmount <= this.limits.lowWaterBytes) {
        this.paused = false;
        this.drainTimer = undefined;
        this.run?.resume?.();
        return;
      }
      this.drainTimer = setTimeout(check, this.limits.flushMs);
    };
    this.drainTimer = setTimeout(check, this.limits.flushMs);
  }
}
