import { useCallback, useEffect, useRef, useState } from 'react';
import type { CellAction, RunOutcome } from '../../agent/protocol';
import { useAgent } from '../agent/AgentContext';

/** `skipped`: run-all passed over the cell because the cluster lacks what it needs (never a run's end). */
export type CellRunStatus = 'idle' | 'queued' | 'running' | 'skipped' | RunOutcome['status'];

export interface CellRunState {
  status: CellRunStatus;
  output: string;
  outcome?: RunOutcome;
  error?: { code: string; message: string };
  action?: CellAction;
  /** What the cluster lacks, for a cell run-all passed over (status `skipped`): "실제 컨테이너". */
  skipped?: string;
}

/** Output kept in the page per run; the agent caps it too, this only protects the tab. */
const MAX_PAGE_OUTPUT = 512 * 1024;

/** One cell's run through the agent: start, stream, cancel, and the result. */
export function useCellRun(id: string, hash: string) {
  const { client } = useAgent();
  const [state, setState] = useState<CellRunState>({ status: 'idle', output: '' });
  const cancelRef = useRef<(() => void) | undefined>(undefined);

  useEffect(() => () => cancelRef.current?.(), []);

  const start = useCallback(
    async (action: CellAction, source?: string): Promise<RunOutcome | undefined> => {
      if (!client) return undefined;
      setState({ status: 'queued', output: '', action });
      return new Promise<RunOutcome | undefined>((resolve) => {
        void client
          .run(
            { id, hash, source, action },
            {
              onOutput: (_stream, data) =>
                setState((s) => ({ ...s, status: 'running', output: (s.output + data).slice(-MAX_PAGE_OUTPUT) })),
              onDone: (outcome) => {
                cancelRef.current = undefined;
                setState((s) => ({ ...s, status: outcome.status, outcome }));
                resolve(outcome);
              },
              onError: (code, message) => {
                cancelRef.current = undefined;
                setState((s) => ({ ...s, status: 'error', error: { code, message } }));
                resolve(undefined);
              },
            },
          )
          .then((cancel) => {
            cancelRef.current = cancel;
            setState((s) => (s.status === 'queued' ? { ...s, status: 'running' } : s));
          });
      });
    },
    [client, id, hash],
  );

  const cancel = useCallback(() => cancelRef.current?.(), []);
  const skip = useCallback((message: string) => setState({ status: 'skipped', output: '', skipped: message }), []);
  return { state, start, cancel, skip, connected: Boolean(client) };
}
