/**
 * Background cells (port-forward, watch, load generators) running on this page, so
 * the navbar can list them with one stop button: a reader who scrolled away must
 * still see what is left running on their machine.
 */
type Listener = () => void;

const runs = new Map<string, () => void>();
const listeners = new Set<Listener>();
let snapshot: string[] = [];

function publish(): void {
  snapshot = [...runs.keys()];
  for (const listener of listeners) listener();
}

export function trackBackground(id: string, stop: () => void): () => void {
  runs.set(id, stop);
  publish();
  return () => {
    if (runs.get(id) === stop) {
      runs.delete(id);
      publish();
    }
  };
}

export function stopAllBackground(): void {
  for (const stop of runs.values()) stop();
}

export const backgroundStore = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot: (): string[] => snapshot,
  getServerSnapshot: (): string[] => [],
};
