import { explain } from '../explain';
import type { SchemaProblem } from './errors';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** RBAC objects may use path-segment names (`system:aggregate-to-view`); the rest need at least a DNS subdomain. */
const PATH_SEGMENT_NAMES = new Set(['rbac.authorization.k8s.io']);

function labelKeyError(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !SUBDOMAIN.test(prefix))) return 'prefix part must be a lowercase RFC 1123 subdomain';
  if (name.length > 63 || !LABEL_NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

/**
 * The few value rules the OpenAPI schema does not carry but every object obeys,
 * checked offline with the server's wording: the name, label keys and values.
 */
export function metadataProblems(object: Record<string, unknown>, group: string): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const add = (field: string, serverLike: string) => problems.push({ field, message: explain(serverLike), serverLike });
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const name = metadata.name;
  if (typeof name === 'string' && !PATH_SEGMENT_NAMES.has(group) && (name.length > 253 || !SUBDOMAIN.test(name))) {
    add('metadata.name', `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`);
  }
  const labels = metadata.labels;
  if (labels && typeof labels === 'object') {
    for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
      const keyError = labelKeyError(key);
      if (keyError) add('metadata.labels', `metadata.labels: Invalid value: "${key}": ${keyError}`);
      if (typeof value === 'string' && (value.length > 63 || !LABEL_VALUE.test(value))) {
        add(
          `metadata.labels[${key}]`,
          `metadata.labels: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        );
      }
    }
  }
  return problems;
}
