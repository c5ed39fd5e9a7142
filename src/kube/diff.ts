import { structuredPatch } from 'diff';
import { stringify } from 'yaml';
import { mapLimit } from './concurrency';
import { resourcePath } from './discovery';
import { kubeRequest } from './http';
import { baseResult, failed, headOf, isResult, settle } from './object';
import type { ApplyOptions, KubeObject, KubeTarget, ObjectResult } from './types';

const DEFAULT_CONCURRENCY = 8;
const SERVER_OWNED_METADATA = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp'];

/** What a reader did not write and cannot change: left out so the diff shows only their fields. */
export function stripServerFields(object: unknown): KubeObject {
  const copy = structuredClone(object ?? {}) as KubeObject;
  const metadata = copy.metadata as Record<string, unknown> | undefined;
  if (metadata) {
    for (const key of SERVER_OWNED_METADATA) delete metadata[key];
    const annotations = metadata.annotations as Record<string, unknown> | undefined;
    if (annotations) {
      delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
      if (Object.keys(annotations).length === 0) delete metadata.annotations;
    }
  }
  // Status is written by controllers, not by the manifest; a diff of it says nothing about the change.
  delete copy.status;
  return copy;
}

const toYaml = (object: KubeObject | undefined): string => (object ? stringify(object, { sortMapEntries: true, lineWidth: 0 }) : '');

/** A unified diff (`-` live, `+` after apply) with 3 lines of context; empty when nothing changes. */
export function renderDiff(label: string, live: KubeObject | undefined, applied: KubeObject): string {
  const patch = structuredPatch(`${label} (현재)`, `${label} (적용 후)`, toYaml(live), toYaml(applied), undefined, undefined, { context: 3 });
  if (patch.hunks.length === 0) return '';
  const lines = [`--- ${patch.oldFileName}`, `+++ ${patch.newFileName}`];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines);
  }
  return lines.join('\n');
}

async function diffOne(target: KubeTarget, object: KubeObject, opts: ApplyOptions): Promise<ObjectResult> {
  const head = await headOf(target, object, opts, false);
  if (isResult(head)) return head;
  const path = resourcePath(head.info, head.namespace, head.name);
  const [live, applied] = await Promise.all([
    kubeRequest(target, { method: 'GET', path, timeoutMs: opts.timeoutMs }),
    kubeRequest(target, {
      method: 'PATCH',
      path,
      query: {
        fieldManager: opts.fieldManager ?? 'k8s-course',
        // A diff only looks: conflicts with other managers must not hide what would change.
        force: opts.force === false ? undefined : 'true',
        dryRun: 'All',
        fieldValidation: opts.strict === false ? 'Warn' : 'Strict',
      },
      body: object,
      contentType: 'application/apply-patch+yaml',
      timeoutMs: opts.timeoutMs,
    }),
  ]);
  if (applied.status >= 300) return failed(object, head, applied, 'patch', target.user);
  if (live.status >= 300 && live.status !== 404) return failed(object, head, live, 'get', target.user);
  const label = `${head.kind}/${head.name}`;
  const before = live.status === 404 ? undefined : stripServerFields(live.body);
  const diff = renderDiff(label, before, stripServerFields(applied.body));
  const base = { ...baseResult(object), namespace: head.namespace, code: applied.status, warnings: applied.warnings, diff };
  if (!before) return { ...base, status: 'created', message: '아직 없는 객체입니다: 적용하면 새로 만들어집니다.' };
  if (!diff) return { ...base, status: 'unchanged', message: '적용해도 바뀌는 것이 없습니다.' };
  return { ...base, status: 'configured', message: '적용하면 아래 필드가 바뀝니다.' };
}

/** Dry-run apply against the live object, per object: `created`, `unchanged` or `configured` with a diff. */
export async function diffObjects(target: KubeTarget, objects: readonly KubeObject[], opts: ApplyOptions = {}): Promise<ObjectResult[]> {
  return mapLimit(objects, opts.concurrency ?? DEFAULT_CONCURRENCY, (object) =>
    settle(object, target.user, () => diffOne(target, object, opts)),
  );
}
