import React, { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Capabilities } from '../../core/needs';
import { AgentClient, type AgentState } from './client';
import { clearPairing, loadPairing, pairingFromHash, savePairing, type Pairing } from './pairing';

interface AgentContextValue {
  state: AgentState;
  client?: AgentClient;
  /**
   * What the cluster the agent would run on offers (`needs=`); undefined while unknown (no agent, no
   * allowed cluster, not looked yet), and then the page says nothing extra about needs.
   */
  capabilities?: Capabilities;
  /** Asks the agent to look again now (run-all, before skipping a cell for an add-on an earlier cell may have installed). */
  refreshCapabilities(): Promise<Capabilities | undefined>;
  unpair(): void;
  refresh(): void;
}

const AgentContext = createContext<AgentContextValue>({
  state: { kind: 'unpaired' },
  refreshCapabilities: async () => undefined,
  unpair: () => undefined,
  refresh: () => undefined,
});

/** The same object when nothing changed: a new one re-renders every cell of the page. */
const sameCapabilities = (a: Capabilities | undefined, b: Capabilities | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

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
  const [capabilities, setCapabilities] = useState<Capabilities | undefined>();
  const adoptCapabilities = useCallback((next: Capabilities | undefined) => setCapabilities((current) => (sameCapabilities(current, next) ? current : next)), []);

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
      adoptCapabilities(undefined);
      return undefined;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      if (document.visibilityState === 'visible') {
        const next = await client.health(controller.signal);
        if (!controller.signal.aborted) setState(next);
        // Asked on every poll: the agent answers from a short cache and looks again when the context changed.
        if (next.kind === 'connected' && next.health.allowed) {
          const looked = await client.capabilities({ signal: controller.signal });
          // A failed ask (undefined) keeps what the agent said last; its own "don't know" (null) clears it.
          if (looked && !controller.signal.aborted) adoptCapabilities(looked.capabilities ?? undefined);
        } else if (!controller.signal.aborted) {
          adoptCapabilities(undefined);
        }
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void poll(), POLL_MS);
    };
    setState((current) => (current.kind === 'connected' ? current : { kind: 'connecting' }));
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [client, tick, adoptCapabilities]);

  useEffect(() => () => client?.close(), [client]);

  const unpair = useCallback(() => {
    clearPairing(window.localStorage);
    setPairing(undefined);
  }, []);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const refreshCapabilities = useCallback(async (): Promise<Capabilities | undefined> => {
    if (!client) return undefined;
    const looked = await client.capabilities({ fresh: true });
    const next = looked?.capabilities ?? undefined;
    adoptCapabilities(next);
    return next;
  }, [client, adoptCapabilities]);

  const value = useMemo(
    () => ({ state, client, capabilities, refreshCapabilities, unpair, refresh }),
    [state, client, capabilities, refreshCapabilities, unpair, refresh],
  );
  return <AgentContext.Provider value={value}>{children}</AgentContext.Provider>;
}

export function useAgent(): AgentContextValue {
  return useContext(AgentContext);
}
