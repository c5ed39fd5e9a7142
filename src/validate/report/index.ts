import { humanReporter } from './human';
import { jsonReporter } from './json';
import { junitReporter } from './junit';
import type { ReportFormat, Reporter } from './types';

export type { ReportFormat, Reporter } from './types';
export const REPORTERS: Record<ReportFormat, Reporter> = { human: humanReporter, json: jsonReporter, junit: junitReporter };
export const isReportFormat = (value: string): value is ReportFormat => value in REPORTERS;
