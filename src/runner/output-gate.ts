/**
 * Lets a reader of a run's output hold the run back: while paused the runner stops reading the
 * cell's pipes, so a cell that writes faster than the page reads blocks on its own write (as in
 * a terminal) instead of the host buffering without bound.
 */
export class OutputGate {
  private readonly listeners = new Set<(paused: boolean) => void>();
  private state = false;

  get paused(): boolean {
    return this.state;
  }

  pause(): void {
    this.set(true);
  }

  resume(): void {
    this.set(false);
  }

  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe(listener: (paused: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(paused: boolean): void {
    if (paused === this.state) return;
    this.state = paused;
    for (const listener of this.listeners) listener(paused);
  }
}
