import type { ValidationReport } from '../types';
import type { Reporter } from './types';

/** The report as it is: results, summary, mode, notes. */
export const jsonReporter: Reporter = {
  format: 'json',
  render: (report: ValidationReport) => `${JSON.stringify(report, null, 2)}\n`,
};
