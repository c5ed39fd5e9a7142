import { PHASE_KO, KIND_KO } from './labels';
import type { NotebookReport, RunReport, StepReport } from '../types';
import type { ReportFormat } from './index';

/** Colour codes (kubectl, helm) carry no meaning in a report. */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/g;
/** XML 1.0 forbids most control characters: a raw one would make the whole file unreadable. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);
const attr = (name: string, value: string | number): string => ` ${name}="${xmlEscape(String(value))}"`;

function caseName(step: StepReport): string {
  const phase = PHASE_KO[step.phase] ? ` [${step.scenario ? `${step.scenario} ` : ''}${PHASE_KO[step.phase]}]` : '';
  return `${step.cellId} (${KIND_KO[step.kind]})${phase}`;
}

function stepCase(nb: NotebookReport, step: StepReport): string {
  const open = `    <testcase${attr('classname', nb.file)}${attr('name', caseName(step))}${attr('time', seconds(step.durationMs))}${attr('file', step.file)}${attr('line', step.line)}`;
  const body: string[] = [];
  if (step.status === 'skipped' || step.status === 'not-run') {
    body.push(`      <skipped${attr('message', step.message)}/>`);
  } else if (!step.ok) {
    const tag = step.status === 'failed' || step.status === 'passed' ? 'failure' : 'error';
    body.push(`      <${tag}${attr('message', step.message)}${attr('type', step.status)}>${xmlEscape(step.output)}</${tag}>`);
  } else if (step.output) {
    body.push(`      <system-out>${xmlEscape(step.output)}</system-out>`);
  }
  return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
}

function notebookCases(nb: NotebookReport): { xml: string[]; tests: number; failures: number; errors: number; skipped: number } {
  const xml: string[] = [];
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const add = (name: string, kind: 'failure' | 'error' | 'skipped' | 'ok', message = ''): void => {
    const open = `    <testcase${attr('classname', nb.file)}${attr('name', name)} time="0.000"`;
    if (kind === 'ok') xml.push(`${open}/>`);
    else if (kind === 'skipped') xml.push(`${open}>\n      <skipped${attr('message', message)}/>\n    </testcase>`);
    else xml.push(`${open}>\n      <${kind}${attr('message', message)}/>\n    </testcase>`);
    if (kind === 'failure') failures += 1;
    if (kind === 'error') errors += 1;
    if (kind === 'skipped') skipped += 1;
  };
  if (nb.problems.length) add('셀 문법', 'failure', nb.problems.join('\n'));
  for (const error of nb.errors) add('노트북 준비/정리', 'error', error);
  for (const step of nb.steps) {
    xml.push(stepCase(nb, step));
    if (step.status === 'skipped' || step.status === 'not-run') skipped += 1;
    else if (!step.ok) {
      if (step.status === 'failed' || step.status === 'passed') failures += 1;
      else errors += 1;
    }
  }
  for (const s of nb.scenarios) {
    const name = `시나리오 ${s.scenario}: 고장 → 수정 증명`;
    if (s.status === 'proven') add(name, 'ok');
    else if (s.status === 'skipped' || s.status === 'not-run') add(name, 'skipped', s.message);
    else add(name, 'failure', s.message);
  }
  return { xml, tests: xml.length, failures, errors, skipped };
}

/** JUnit XML: a testsuite per notebook, a testcase per step and per scenario proof. */
export const junitFormat: ReportFormat = {
  name: 'junit',
  format(report: RunReport) {
    const suites: string[] = [];
    const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const nb of report.notebooks) {
      const c = notebookCases(nb);
      totals.tests += c.tests;
      totals.failures += c.failures;
      totals.errors += c.errors;
      totals.skipped += c.skipped;
      suites.push(
        `  <testsuite${attr('name', nb.file)}${attr('tests', c.tests)}${attr('failures', c.failures)}${attr('errors', c.errors)}${attr('skipped', c.skipped)}${attr('time', seconds(nb.durationMs))}>`,
        `    <properties>${`<property${attr('name', 'namespace')}${attr('value', nb.namespace)}/>`}</properties>`,
        ...c.xml,
        '  </testsuite>',
      );
    }
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites${attr('name', 'notebooks')}${attr('tests', totals.tests)}${attr('failures', totals.failures)}${attr('errors', totals.errors)}${attr('skipped', totals.skipped)}${attr('time', seconds(report.durationMs))}>`,
      ...suites,
      '</testsuites>',
      '',
    ].join('\n');
  },
};
