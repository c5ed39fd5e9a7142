import type { ValidationReport } from '../types';

export type ReportFormat = 'human' | 'json' | 'junit';

/** One output format; the CLI picks one, tests parse them back. */
export interface Reporter {
  readonly format: ReportFormat;
  render(report: ValidationReport): string;
}
