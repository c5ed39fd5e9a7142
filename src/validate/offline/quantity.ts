/**
 * resource.Quantity (`cpu: 500m`, `memory: 64Mi`): the OpenAPI schema only says "string or
 * number", but the API server refuses a string it cannot parse (`64MB`, `half`) when it
 * decodes the object. Offline mode gives the schema the grammar of
 * k8s.io/apimachinery/pkg/api/resource (sign, digits, then a binary or decimal suffix or an
 * exponent) so those are caught without a cluster, with the server's wording.
 */
import { SCHEMA_REF_PREFIX, type SnapshotSchema } from './snapshot-format';

export const QUANTITY_SCHEMA = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const QUANTITY_REF = `${SCHEMA_REF_PREFIX}${QUANTITY_SCHEMA}`;

/** The parseable quantities: `1`, `0.5`, `.5`, `+1`, `100m`, `64Mi`, `1e3`, `2E-2`. */
export const QUANTITY_PATTERN = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$';

/** What the API server says about an unparseable quantity. */
export const QUANTITY_SERVER_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

export const quantitySchema = (): SnapshotSchema => ({ anyOf: [{ type: 'number' }, { type: 'string', pattern: QUANTITY_PATTERN }] });
