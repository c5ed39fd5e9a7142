import type { Capabilities } from '../core/needs';
import type { KubeTarget } from '../kube/types';
import type { GuardAnswer } from './health';
import type { CapabilitiesInfo } from './protocol';

export interface CapabilityCacheOptions {
  /** The same guard a run asks: a fresh read of the kubeconfig, and the target a run would use. */
  guard: () => GuardAnswer;
  /** Looks at the cluster (src/kube/capabilities.ts in the agent; a stub in tests). */
  detect: (target: KubeTarget) => Promise<Capabilities>;
  /** How long one detection stands for the same cluster (add-ons a lab installs show up after this). */
  ttlMs?: number;
  /** A `fresh` ask inside this time after a detection gets that detection (run-all asks per cell). */
  minIntervalMs?: number;
  now?: () => number;
}

interface Entry {
  key: string;
  at: number;
  result: Promise<Capabilities | undefined>;
}

/** The cluster a detection belongs to: another context, server or user is another cluster to the page. */
const keyOf = (target: KubeTarget): string => JSON.stringify([target.context, target.server, target.user]);

/**
 * What the connected cluster offers to cells (`needs=`), for `GET /v1/capabilities`. Every ask judges
 * the kubeconfig afresh (as a run does) and detects against that very target; a detection is reused
 * only for the same context, server and user and for a short while, so a `kubectl config use-context`
 * is seen on the next ask. Concurrent asks share one detection: a page polls, and run-all asks per cell.
 */
export class CapabilityCache {
  private entry?: Entry;
  private readonly ttlMs: number;
  private readonly minIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CapabilityCacheOptions) {
    this.ttlMs = options.ttlMs ?? 15_000;
    this.minIntervalMs = options.minIntervalMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  async current(fresh = false): Promise<CapabilitiesInfo> {
    const guard = this.options.guard();
    if (!guard.allowed) return { context: null, capabilities: null, reason: guard.reason };
    const { target } = guard;
    const key = keyOf(target);
    const age = this.entry && this.entry.key === key ? this.now() - this.entry.at : Infinity;
    if (age > (fresh ? this.minIntervalMs : this.ttlMs)) {
      const result = this.options.detect(target).then(
        (caps): Capabilities | undefined => ({ ...caps, context: target.context }),
        () => undefined,
      );
      this.entry = { key, at: this.now(), result };
      // A failed look (cluster unreachable) is not worth keeping: the next ask looks again.
      void result.then((caps) => {
        if (!caps && this.entry?.result === result) this.entry = undefined;
      });
    }
    const capabilities = await this.entry!.result;
    if (!capabilities) {
      return { context: target.context, capabilities: null, reason: `클러스터 "${target.context}"(${target.server})가 무엇을 제공하는지 확인하지 못했습니다. 클러스터가 실행 중인지 확인하세요.` };
    }
    return { context: target.context, capabilities };
  }
}
