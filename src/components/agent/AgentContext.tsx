import React, { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { AgentClient, type AgentState } from './client';
import { clearPairing, loadPairing, pairingFromHash, savePairing, type Pairing } from './pairing';

interface AgentContextValue {
  state: AgentState;
  client?: AgentClient;
  unpair(): void;
  refresh(): void;
}

const AgentContext = createContext<AgentContextValue>({ state: { kind: 'unpaired' }, unpair: () => undefined, refresh: () => undefined });

const POLL_MS = 5_000;

/**
 * Holds the pairing and the agent's health for the whole site. A pairing link's
 * `#agent=...&token=...` is stored and immediately removed from the address bar,
 * so the token does not linger in history or get copied along with the URL.
 */
export function AgentProvider({ children }: { children: ReactNode }): ReactNode {
  const [pairing, setPairing] = useState<Pairing | undefined>();
  const [state, setState] = useState<AgentState>({ kind: 'unpaired' });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const adoptLink = (): Pairing | undefined => {
      const fromLink = pairingFromHash(window.location.hash);
      if (fromLink) {
        savePairing(window.localStorage, fromLink);
        window.history.replaceState(null, '', window.location.pathname + window.location.search);
      }
      return fromLink;
    };
    setPairing(adoptLink() ?? loadPairing(window.localStorage));
    // A link pasted into a tab that already shows its page changes only the hash: no new mount.
    const onHashChange = (): void => {
      const fromLink = adoptLink();
      if (fromLink) setPairing(fromLink);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const client = useMemo(() => (pairing ? new AgentClient(pairing) : undefined), [pairing]);

  useEffect(() => {
    if (!client) {
      // Keep the same object when nothing changed: a new one re-renders every cell of the page.
      setState((current) => (current.kind === 'unpaired' ? current : { kind: 'unpaired' }));
      return undefined;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      if (document.visibilityState === 'visible') {
        const next = await client.health(controller.signal);
        if (!controller.signal.aborted) setState(next);
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void poll(), POLL_MS);
    };
    setState((current) => (current.kind === 'connected' ? current : { kind: 'connecting' }));
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [client, tick]);

  useEffect(() => () => client?.close(), [client]);

  const unpair = useCallback(() => {
    clearPairing(window.localStorage);
    setPairing(undefined);
  }, []);
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  const value = useMemo(() => ({ state, client, unpair, refresh }), [state, client, unpair, refresh]);
  return <AgentContext.Provider value={value}>{children}</AgentContext.Provider>;
}

export function useAgent(): AgentContextValue {
  return useContext(AgentContext);
}
