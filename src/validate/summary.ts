import type { ValidationResult, ValidationSummary } from './types';

export function summarize(results: readonly ValidationResult[]): ValidationSummary {
  const count = (status: ValidationResult['status']) => results.filter((r) => r.status === status).length;
  return {
    checked: results.filter((r) => r.kind !== '' && r.annotation !== 'fragment' && r.annotation !== 'not-k8s').length,
    valid: count('valid') + count('warning'),
    invalid: count('invalid'),
    annotated: count('annotated'),
    warnings: count('warning'),
    errors: count('error'),
  };
}

/** 0 all valid, 1 any invalid, 2 when some objects could not be judged (connection, permissions). */
export function exitCodeOf(summary: ValidationSummary): 0 | 1 | 2 {
  if (summary.errors > 0) return 2;
  return summary.invalid > 0 ? 1 : 0;
}
