import type { RunReport } from '../types';
import { humanFormat } from './human';
import { jsonFormat } from './json';
import { junitFormat } from './junit';

/** One output format per file, all behind this interface. */
export interface ReportFormat {
  readonly name: FormatName;
  format(report: RunReport): string;
}

export const FORMATS = { human: humanFormat, json: jsonFormat, junit: junitFormat } as const;
export type FormatName = keyof typeof FORMATS;

export const isFormatName = (name: string): name is FormatName => Object.hasOwn(FORMATS, name);
