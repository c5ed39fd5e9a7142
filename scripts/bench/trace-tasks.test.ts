import { describe, expect, it } from 'vitest';
import { cpuBlockingTime, longTaskBreakdown, type TraceEvent } from './trace-tasks';

const main = { pid: 1, tid: 1 };
const x = (name: string, tsMs: number, durMs: number, where = main): TraceEvent => ({ name, ph: 'X', ts: tsMs * 1000, dur: durMs * 1000, ...where });

describe('longTaskBreakdown', () => {
  it('splits each long task of the renderer main thread by kind, once per nesting, and leaves short tasks out', () => {
    const events: TraceEvent[] = [
      { name: 'thread_name', ph: 'M', ts: 0, ...main, args: { name: 'CrRendererMain' } },
      { name: 'thread_name', ph: 'M', ts: 0, pid: 2, tid: 2, args: { name: 'Compositor' } },
      x('RunTask', 100, 200),
      x('ThreadControllerImpl::RunTask', 100, 200),
      x('EvaluateScript', 100, 120),
      x('FunctionCall', 110, 50), // inside EvaluateScript: still script, not counted twice
      x('FunctionCall', 115, 10),
      x('UpdateLayoutTree', 230, 20),
      x('Layout', 250, 40),
      x('RunTask', 400, 30), // short
      x('RunTask', 500, 90, { pid: 2, tid: 2 }), // another thread
    ];
    const [task, ...rest] = longTaskBreakdown(events);
    expect(rest).toEqual([]);
    expect(task!.duration).toBe(200);
    expect(Object.fromEntries(task!.parts)).toEqual({ '스크립트 실행': 120, 스타일: 20, 레이아웃: 40, 기타: 20 });
  });
});

describe('cpuBlockingTime', () => {
  it('scales each top-level task\'s thread time, not its wall time, and counts nested tasks once', () => {
    const t = (name: string, tsMs: number, durMs: number, tdurMs: number, where = main): TraceEvent => ({ ...x(name, tsMs, durMs, where), tdur: tdurMs * 1000 });
    const events: TraceEvent[] = [
      { name: 'thread_name', ph: 'M', ts: 0, ...main, args: { name: 'CrRendererMain' } },
      t('RunTask', 0, 400, 30), // waited for a core most of its 400 ms: 30 ms of CPU -> 120 ms at 4x
      t('ThreadControllerImpl::RunTask', 0, 400, 30), // the same task, nested
      t('RunTask', 500, 20, 10), // 40 ms at 4x: not long
      t('RunTask', 600, 20, 20, { pid: 2, tid: 2 }), // another thread
    ];
    expect(cpuBlockingTime(events)).toEqual({ longTasks: 1, blockingMs: 70 });
  });
});
