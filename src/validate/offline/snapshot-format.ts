/**
 * The offline snapshot (src/validate/openapi/kubernetes.json.gz): the OpenAPI v3
 * schemas of one Kubernetes release plus the CRD catalog, reduced to what JSON-schema
 * validation needs. Written by scripts/validate/snapshot-openapi.ts, read by offline/.
 */
export interface OpenApiSnapshot {
  /** Server version the snapshot was taken from (`v1.37.2`). */
  kubernetesVersion: string;
  generatedAt: string;
  /** `apps/v1 Deployment` -> name of its schema in `schemas`. */
  kinds: Record<string, string>;
  /** Component schemas by name, refs as `#/components/schemas/<name>`. */
  schemas: Record<string, SnapshotSchema>;
  /** How many CEL rules (x-kubernetes-validations) were dropped: offline cannot evaluate them. */
  celRulesDropped: number;
}

export type SnapshotSchema = Record<string, unknown>;

export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/** Keys kept from OpenAPI schemas: structure, types and value constraints. */
export const KEPT_KEYS = new Set([
  '$ref',
  'type',
  'properties',
  'additionalProperties',
  'items',
  'required',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'allOf',
  'oneOf',
  'anyOf',
  'not',
  'nullable',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
]);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reduces one OpenAPI schema: drops documentation and unknown keywords, drops a
 * `required` entry whose property has a default (the server fills it before
 * validating), drops patterns JavaScript cannot compile (Go's RE2 syntax differs),
 * and counts CEL rules. Pure; used for the snapshot and for CRDs found in content.
 */
export function reduceSchema(schema: unknown, stats: { cel: number }): SnapshotSchema {
  if (!isRecord(schema)) return {};
  const out: SnapshotSchema = {};
  if (Array.isArray(schema['x-kubernetes-validations'])) stats.cel += schema['x-kubernetes-validations'].length;
  for (const [key, value] of Object.entries(schema)) {
    if (!KEPT_KEYS.has(key)) continue;
    if (key === 'properties' && isRecord(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, reduceSchema(sub, stats)]));
    } else if ((key === 'items' || key === 'not') && isRecord(value)) {
      out[key] = reduceSchema(value, stats);
    } else if (key === 'additionalProperties') {
      out[key] = isRecord(value) ? reduceSchema(value, stats) : value;
    } else if ((key === 'allOf' || key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) {
      out[key] = value.map((sub) => reduceSchema(sub, stats));
    } else if (key === 'pattern' && typeof value === 'string') {
      try {
        new RegExp(value, 'u');
        out.pattern = value;
      } catch {
        // RE2-only syntax: the server checks it, offline cannot.
      }
    } else {
      out[key] = value;
    }
  }
  if (Array.isArray(out.required) && isRecord(schema.properties)) {
    const props = schema.properties;
    const required = (out.required as string[]).filter((name) => !(isRecord(props[name]) && 'default' in (props[name] as object)));
    if (required.length > 0) out.required = required;
    else delete out.required;
  }
  return out;
}
