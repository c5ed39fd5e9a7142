import { createHash } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import { isBuiltInGroup, splitApiVersion } from '../../kube/api-version';
import type { ObjectItem } from '../collect';
import { precheck, rejectApiVersion } from '../prechecks';
import type { Verdict } from '../verdict';
import { schemaProblems } from './errors';
import { metadataProblems } from './metadata';
import { loadSnapshot, snapshotBytes } from './snapshot';
import { CompiledCache } from './compiled-cache';
import { reduceSchema, type OpenApiSnapshot, type SnapshotSchema } from './snapshot-format';
import { customResourceSchema, strictSchema } from './strict';
import { QUANTITY_SCHEMA, quantitySchema } from './quantity';

const SNAPSHOT_ID = 'k8s';

export function offlineLimits(snapshot: OpenApiSnapshot): string {
  return (
    `오프라인 모드는 Kubernetes ${snapshot.kubernetesVersion}와 CRD 카탈로그의 OpenAPI 스키마로 필드 이름(모르는 필드), 타입, 필수 필드, enum·pattern 같은 ` +
    '스키마 제약, 수량(cpu·memory) 형식과 이름·레이블 형식만 검사합니다. 다음은 클러스터 모드(`npm run validate`)에서만 확인됩니다: API 서버의 검증 로직(포트 범위, ' +
    `Deployment selector와 template 레이블의 일치 등), CRD의 CEL 규칙(x-kubernetes-validations, 스냅숏에서 ${snapshot.celRulesDropped}개 제외), ` +
    '어드미션(웹훅, ValidatingAdmissionPolicy, Pod Security), 기본값이 채워진 뒤에야 드러나는 오류, 이름 중복·네임스페이스 존재, ' +
    '폐기 예정(deprecation) 경고, expect-invalid의 오류 문구.'
  );
}

interface CrdVersion {
  name?: string;
  served?: boolean;
  schema?: { openAPIV3Schema?: SnapshotSchema };
}

/** Kinds defined by CRDs in the content: `group/version Kind` -> openAPIV3Schema. */
function contentCrds(items: readonly ObjectItem[]): Map<string, SnapshotSchema> {
  const kinds = new Map<string, SnapshotSchema>();
  for (const item of items) {
    const { kind, apiVersion, object } = item.document;
    if (kind !== 'CustomResourceDefinition' || !apiVersion.startsWith('apiextensions.k8s.io/') || item.expectInvalid) continue;
    const spec = (object.spec ?? {}) as { group?: string; names?: { kind?: string }; versions?: CrdVersion[] };
    for (const version of spec.versions ?? []) {
      const schema = version.schema?.openAPIV3Schema;
      if (spec.group && spec.names?.kind && version.name && schema) kinds.set(`${spec.group}/${version.name} ${spec.names.kind}`, schema);
    }
  }
  return kinds;
}

/** Nulls in maps are "no value" to the API server (it drops them); JSON schema would call them wrong types. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

/** Schema validators per kind, compiled on first use and shared by every check of the process. */
class Validators {
  private readonly compiled = new Map<string, ValidateFunction>();

  private readonly cache: CompiledCache;

  constructor(
    readonly snapshot: OpenApiSnapshot,
    snapshotBytes: Buffer,
  ) {
    this.cache = new CompiledCache(snapshotBytes);
  }

  private ajvInstance: Ajv | undefined;

  /** Built on the first compile only: with every kind in the cache, a run never needs it. */
  private get ajv(): Ajv {
    if (!this.ajvInstance) {
      this.ajvInstance = new Ajv({
        allErrors: true,
        strict: false,
        validateFormats: false,
        allowUnionTypes: true,
        // Shared definitions (PodSpec, ObjectMeta) compile once as their own functions instead of into every kind.
        inlineRefs: false,
        // The snapshot is our own output; checking it against the meta-schema costs more than it finds.
        validateSchema: false,
        // Lets compiled validators be saved as code (CompiledCache).
        code: { source: true },
      });
      const schemas = Object.fromEntries(Object.entries(this.snapshot.schemas).map(([name, schema]) => [name, strictSchema(schema)]));
      if (schemas[QUANTITY_SCHEMA]) schemas[QUANTITY_SCHEMA] = quantitySchema();
      this.ajvInstance.addSchema({ $id: SNAPSHOT_ID, components: { schemas } });
    }
    return this.ajvInstance;
  }

  saveCodeCache(): void {
    this.cache.saveCodeCache();
  }

  forKind(key: string, crds: ReadonlyMap<string, SnapshotSchema>): ValidateFunction | undefined {
    const crd = crds.get(key);
    const id = crd ? `content ${key} ${createHash('sha256').update(JSON.stringify(crd)).digest('hex')}` : key;
    let validate = this.compiled.get(id);
    if (validate) return validate;
    const name = this.snapshot.kinds[key];
    if (!crd && !name) return undefined;
    validate = this.cache.load(id);
    if (!validate) {
      validate = crd
        ? this.ajv.compile(customResourceSchema(reduceSchema(crd, { cel: 0 }), SNAPSHOT_ID))
        : this.ajv.compile({ $ref: `${SNAPSHOT_ID}#/components/schemas/${name}` });
      this.cache.store(id, this.ajv, validate);
    }
    this.compiled.set(id, validate);
    return validate;
  }
}

let shared: Validators | undefined;

function check(item: ObjectItem, validators: Validators, crds: ReadonlyMap<string, SnapshotSchema>): Verdict {
  const early = precheck(item);
  if (early) return early;
  const { apiVersion, kind, object } = item.document;
  const validate = validators.forKind(`${apiVersion} ${kind}`, crds);
  const { group } = splitApiVersion(apiVersion);
  if (!validate) {
    const message = isBuiltInGroup(group)
      ? `Kubernetes ${validators.snapshot.kubernetesVersion}에는 ${apiVersion} ${kind}가 없습니다. 제거되었거나 철자가 틀린 apiVersion/kind입니다.`
      : `${apiVersion} ${kind}의 스키마가 없습니다: ${group} 그룹의 CRD가 CRD 카탈로그(scripts/cluster/crd-catalog.json)에도 본문에도 없습니다. ` +
        '카탈로그에 추가하고 스냅숏을 다시 만들거나(scripts/validate/snapshot-openapi.ts), 본문에 CRD를 함께 실으세요.';
    return rejectApiVersion(item, message);
  }
  const data = withoutNulls(object);
  const problems = validate(data) ? [] : schemaProblems(validate.errors ?? [], data);
  problems.push(...metadataProblems(object, group));
  if (problems.length === 0) return { item, outcome: 'accepted', problems: [], text: '', warnings: [] };
  return {
    item,
    outcome: 'rejected',
    problems: problems.map(({ field, message }) => ({ field, message })),
    text: problems.map((p) => `${p.serverLike}\n${p.message}`).join('\n'),
    warnings: [],
  };
}

/** JSON-schema validation against the committed OpenAPI snapshot plus the content's own CRDs. */
export async function checkOffline(items: readonly ObjectItem[]): Promise<{ verdicts: Verdict[]; against: string; limits: string }> {
  const snapshot = loadSnapshot();
  shared ??= new Validators(snapshot, snapshotBytes());
  const crds = contentCrds(items);
  const verdicts = items.map((item) => check(item, shared!, crds));
  shared.saveCodeCache();
  return { verdicts, against: `OpenAPI 스냅숏 (Kubernetes ${snapshot.kubernetesVersion}, ${snapshot.generatedAt.slice(0, 10)})`, limits: offlineLimits(snapshot) };
}
