import { SCHEMA_REF_PREFIX, type SnapshotSchema } from './snapshot-format';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const OBJECT_META_REF = `${SCHEMA_REF_PREFIX}io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`;

/**
 * Makes a reduced schema say what the API server does with fieldValidation=Strict:
 * fields that are not declared are errors, unless the schema preserves unknown
 * fields (or declares additionalProperties itself). Objects with no declared
 * properties stay open, since those are free-form (RawExtension, JSON fields).
 * `x-kubernetes-int-or-string` becomes integer-or-string. `refBase` is prefixed
 * to local refs so schemas outside the snapshot document can use its definitions.
 */
export function strictSchema(schema: unknown, refBase = ''): SnapshotSchema {
  if (!isRecord(schema)) return {};
  const out: SnapshotSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = `${refBase}${value}`;
    else if (key === 'properties' && isRecord(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, strictSchema(sub, refBase)]));
    } else if ((key === 'items' || key === 'not' || key === 'additionalProperties') && isRecord(value)) out[key] = strictSchema(value, refBase);
    else if ((key === 'allOf' || key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) out[key] = value.map((sub) => strictSchema(sub, refBase));
    else if (!key.startsWith('x-kubernetes-')) out[key] = value;
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  const preserves = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (!preserves && isRecord(out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  if (schema['x-kubernetes-embedded-resource'] === true && isRecord(out.properties)) {
    out.properties = { ...out.properties, metadata: { $ref: `${refBase}${OBJECT_META_REF}` } };
  }
  return out;
}

/**
 * The schema of a custom resource from a CRD version's openAPIV3Schema: the root
 * gets apiVersion, kind and a real ObjectMeta, as the API server adds them.
 */
export function customResourceSchema(openAPIV3Schema: SnapshotSchema, refBase: string): SnapshotSchema {
  const strict = strictSchema(openAPIV3Schema, refBase);
  const properties = isRecord(strict.properties) ? strict.properties : {};
  return {
    ...strict,
    type: 'object',
    properties: { ...properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { $ref: `${refBase}${OBJECT_META_REF}` } },
    additionalProperties: openAPIV3Schema['x-kubernetes-preserve-unknown-fields'] === true ? undefined : false,
  };
}
