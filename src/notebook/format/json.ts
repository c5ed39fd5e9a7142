import type { ReportFormat } from './index';

/** The report as data, for tools (outputs included, capped as they were collected). */
export const jsonFormat: ReportFormat = {
  name: 'json',
  format: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
