import type { ValidationReport, ValidationResult } from '../types';
import type { Reporter } from './types';

const escape = (text: string): string =>
  text
    // XML 1.0 cannot carry most control characters at all, escaped or not.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function testcase(r: ValidationResult): string {
  const name = `${r.kind ? `${r.kind}/${r.name || '(이름 없음)'}` : 'YAML'} (${r.file}:${r.line})`;
  const open = `    <testcase classname="${escape(r.file)}" name="${escape(name)}" time="0">`;
  const body = r.locations.length > 0 ? r.locations.map((l) => `${r.file}:${l.line} ${l.message}`).join('\n') : r.messages.join('\n');
  const first = escape(r.messages[0] ?? '');
  switch (r.status) {
    case 'invalid':
      return `${open}\n      <failure type="invalid" message="${first}">${escape(body)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}\n      <error type="error" message="${first}">${escape(body)}</error>\n    </testcase>`;
    case 'annotated':
      return `${open}\n      <skipped message="${first}"/>\n    </testcase>`;
    case 'warning':
      return `${open}\n      <system-out>${escape(body)}</system-out>\n    </testcase>`;
    default:
      return `${open}</testcase>`;
  }
}

/** One testsuite per Markdown file, one testcase per object or block (CI test-report viewers). */
export const junitReporter: Reporter = {
  format: 'junit',
  render(report: ValidationReport): string {
    const byFile = new Map<string, ValidationResult[]>();
    for (const r of report.results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
    const count = (list: ValidationResult[], status: ValidationResult['status']) => list.filter((r) => r.status === status).length;
    const suites = [...byFile].map(([file, list]) =>
      [
        `  <testsuite name="${escape(file)}" tests="${list.length}" failures="${count(list, 'invalid')}" errors="${count(list, 'error')}" skipped="${count(list, 'annotated')}">`,
        ...list.map(testcase),
        '  </testsuite>',
      ].join('\n'),
    );
    const all = report.results;
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="manifests (${report.mode})" tests="${all.length}" failures="${count(all, 'invalid')}" errors="${count(all, 'error')}" skipped="${count(all, 'annotated')}" time="${(report.durationMs / 1000).toFixed(3)}">`,
      ...suites,
      '</testsuites>',
      '',
    ].join('\n');
  },
};
