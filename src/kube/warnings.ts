/**
 * The API server sends deprecations and (with fieldValidation=Warn) unknown fields as
 * `Warning: 299 - "text"` headers, one header line per warning (RFC 7234 allows several
 * comma-separated values in one line too). Quotes inside the text are backslash-escaped.
 */
const WARNING_VALUE = /\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"/g;

export function parseWarningHeaders(values: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const value of values) {
    for (const match of value.matchAll(WARNING_VALUE)) warnings.push(match[1]!.replace(/\\(.)/g, '$1'));
  }
  return warnings;
}

/** Header values named `Warning` from Node's flat rawHeaders list ([name, value, name, value ...]). */
export function warningHeaderValues(rawHeaders: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'warning') values.push(rawHeaders[i + 1]!);
  }
  return values;
}
