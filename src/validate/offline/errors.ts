import type { ErrorObject } from 'ajv';
import { explain } from '../explain';
import { QUANTITY_PATTERN, QUANTITY_SERVER_MESSAGE } from './quantity';

export interface SchemaProblem {
  field?: string;
  message: string;
  /** The wording the API server would use, for expect-invalid matching. */
  serverLike: string;
}

/** `/spec/containers/0/image` -> `spec.containers[0].image`. */
export function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    // Indices and keys holding dots (label keys) go in brackets, as the API server writes them.
    .reduce((path, part) => (/^\d+$/.test(part) || /[.[\]]/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

const join = (base: string, key: string): string => (base ? `${base}.${key}` : key);
const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

function describe(error: ErrorObject, data: unknown, quantities: ReadonlySet<string>): SchemaProblem | undefined {
  const at = pointerToField(error.instancePath);
  const params = error.params as Record<string, unknown>;
  let field = at;
  let serverLike: string;
  switch (error.keyword) {
    case 'additionalProperties':
      field = join(at, String(params.additionalProperty));
      serverLike = `unknown field "${field}"`;
      break;
    case 'required':
      field = join(at, String(params.missingProperty));
      serverLike = `${field}: Required value`;
      break;
    case 'type':
      serverLike = `${at}: Invalid value: ${show(data)}: must be ${String(params.type)} (expected ${String(params.type)})`;
      break;
    case 'enum':
      serverLike = `${at}: Unsupported value: ${show(data)}: supported values: ${(params.allowedValues as unknown[]).map(show).join(', ')}`;
      break;
    case 'pattern':
      serverLike = `${at}: Invalid value: ${show(data)}: ${at} in body should match '${String(params.pattern)}'`;
      break;
    case 'anyOf':
    case 'oneOf':
      if (quantities.has(error.instancePath)) {
        serverLike = `${at}: Invalid value: ${show(data)}: ${QUANTITY_SERVER_MESSAGE}`;
        break;
      }
      serverLike = `${at}: Invalid value: ${show(data)}: must be integer or string`;
      break;
    default:
      serverLike = `${at}: Invalid value: ${show(data)}: ${error.message ?? error.keyword}`;
  }
  return { field: field || undefined, message: explain(serverLike), serverLike };
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/**
 * Ajv's errors as problems like the API server's: one per field. A failed
 * anyOf/oneOf (int-or-string, quantities) stands for its branches' errors at the same place.
 */
export function schemaProblems(errors: readonly ErrorObject[], object: unknown): SchemaProblem[] {
  const unions = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  // A union whose string branch failed the quantity grammar is a quantity, not an int-or-string.
  const quantities = new Set(errors.filter((e) => e.keyword === 'pattern' && (e.params as { pattern?: string }).pattern === QUANTITY_PATTERN).map((e) => e.instancePath));
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    const branch = error.keyword !== 'anyOf' && error.keyword !== 'oneOf' && [...unions].some((path) => error.instancePath === path && error.schemaPath.includes('Of/'));
    if (branch) continue;
    const problem = describe(error, valueAt(object, error.instancePath), quantities);
    if (problem && !problems.some((p) => p.field === problem.field && p.serverLike === problem.serverLike)) problems.push(problem);
  }
  return problems;
}
