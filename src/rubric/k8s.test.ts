import { describe, expect, it } from 'vitest';
import { goDurationSeconds, isDailyCron, isEmptySelector, mapSelects, secretsUsedBy, selectorMatches } from './k8s';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front' };

  it('match labels and every expression operator', () => {
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, labels)).toBe(false);
  });

  it('treat {} as everything, a missing selector as nothing', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches(undefined, labels)).toBe(false);
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector({ matchLabels: {} })).toBe(true);
    expect(isEmptySelector(undefined)).toBe(false);
    expect(isEmptySelector({ matchLabels: { app: 'web' } })).toBe(false);
  });

  it('a Service selector without entries selects nothing', () => {
    expect(mapSelects({}, labels)).toBe(false);
    expect(mapSelects({ app: 'web' }, labels)).toBe(true);
  });
});

describe('Go durations and cron', () => {
  it('reads Velero ttl values', () => {
    expect(goDurationSeconds('168h0m0s')).toBe(604_800);
    expect(goDurationSeconds('168h')).toBe(604_800);
    expect(goDurationSeconds('1h30m')).toBe(5400);
    expect(goDurationSeconds('7d')).toBeUndefined();
    expect(goDurationSeconds('')).toBeUndefined();
    expect(goDurationSeconds(undefined)).toBeUndefined();
  });

  it('knows a daily schedule', () => {
    for (const daily of ['0 3 * * *', '30 23 * * *', '@daily', '@midnight', '@every 24h']) expect(isDailyCron(daily)).toBe(true);
    for (const other of ['*/5 * * * *', '0 3 * * 1', '0 */6 * * *', '0 3 1 * *', '@hourly', '@every 12h', 'daily']) expect(isDailyCron(other)).toBe(false);
  });
});

describe('secrets a pod reads', () => {
  it('come from env, envFrom, secret volumes and projected volumes', () => {
    const used = secretsUsedBy({
      containers: [
        { name: 'a', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 's1', key: 'k' } } }], envFrom: [{ secretRef: { name: 's2' } }] },
      ],
      volumes: [
        { name: 'v', secret: { secretName: 's3' } },
        { name: 'p', projected: { sources: [{ secret: { name: 's4' } }] } },
      ],
    });
    expect([...used].sort()).toEqual(['s1', 's2', 's3', 's4']);
  });
});
