import { formatDuration } from './summary';
import type { NotebookEvent } from './execute';
import { stepLine } from './format/human';

export interface ProgressOptions {
  write: (text: string) => void;
  /** Print every cell's output as it comes; default: only a failed cell's, after it ends. */
  verbose?: boolean;
}

/** Live Korean progress for a terminal or a CI log (stderr), one line per step. */
export function progressPrinter(options: ProgressOptions): (event: NotebookEvent) => void {
  const { write, verbose } = options;
  return (event) => {
    switch (event.type) {
      case 'notebook-start':
        write(`\n▶ ${event.plan.file}${event.plan.title ? ` — ${event.plan.title}` : ''} (단계 ${event.total}개, 네임스페이스 ${event.namespace})\n`);
        break;
      case 'step-start':
        if (verbose) write(`  … [${event.index}/${event.total}] ${event.step.cell.id}\n`);
        break;
      case 'step-output':
        if (verbose) write(event.chunk.text);
        break;
      case 'step-end': {
        write(`${stepLine(event.report)}\n`);
        const failed = !event.report.ok && event.report.status !== 'skipped' && event.report.status !== 'not-run';
        if (failed && !verbose && event.report.output) {
          const lines = event.report.output.replace(/\n$/, '').split('\n').slice(-20);
          write(`${lines.map((line) => `      | ${line}`).join('\n')}\n`);
        }
        break;
      }
      case 'scenario-end':
        write(`  ◆ 시나리오 ${event.report.scenario}: ${event.report.message}\n`);
        break;
      case 'notice':
        write(`  ${event.message}\n`);
        break;
      case 'notebook-end':
        write(`${event.report.failed ? '✘' : '✔'} ${event.report.file} (${formatDuration(event.report.durationMs)})\n`);
        break;
    }
  };
}
