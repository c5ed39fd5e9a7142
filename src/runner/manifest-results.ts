import type { ObjectResult, ObjectStatus } from '../kube/types';
import type { ManifestAction } from './manifest';

const OK: Record<ManifestAction, readonly ObjectStatus[]> = {
  apply: ['created', 'configured', 'unchanged'],
  'dry-run': ['valid', 'created', 'configured', 'unchanged'],
  diff: ['valid', 'created', 'configured', 'unchanged'],
  // Deleting what is already gone is the goal reached (cleanup runs after partial labs too).
  delete: ['deleted', 'not-found'],
};

export function objectsFailed(results: readonly ObjectResult[], action: ManifestAction): ObjectResult[] {
  return results.filter((r) => !OK[action].includes(r.status));
}

/** Where the server's rejection text can be: our Korean message quotes it, causes carry the details. */
export function rejectionMatches(result: ObjectResult, expected: string): boolean {
  if (result.status !== 'invalid' && result.status !== 'error' && result.status !== 'forbidden') return false;
  const haystack = [result.message, result.reason ?? '', ...(result.causes ?? []).flatMap((c) => [c.message, c.field ? `${c.field}: ${c.message}` : ''])];
  const needle = expected.toLowerCase();
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

const STATUS_KO: Record<ObjectStatus, string> = {
  created: '생성됨',
  configured: '변경됨',
  unchanged: '변경 없음',
  deleted: '삭제됨',
  'not-found': '없음',
  valid: '유효함',
  invalid: '거부됨',
  forbidden: '권한 없음',
  unreachable: '연결 안 됨',
  error: '오류',
};

/** One line per object, kubectl-like, then its warnings and diff: what the reader sees as output. */
export function manifestLines(results: readonly ObjectResult[], action: ManifestAction): string {
  const lines: string[] = [];
  for (const r of results) {
    const where = r.namespace ? ` (네임스페이스 ${r.namespace})` : '';
    const ok = OK[action].includes(r.status);
    lines.push(`${r.kind}/${r.name}${where}: ${STATUS_KO[r.status]}${ok ? '' : ` — ${r.message}`}`);
    for (const warning of r.warnings) lines.push(`  경고: ${warning}`);
    if (action === 'diff' && r.diff) lines.push(r.diff.replace(/\n?$/, '\n').trimEnd());
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
