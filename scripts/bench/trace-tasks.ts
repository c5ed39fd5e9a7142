/**
 * Long tasks of a Chromium trace, each broken down by the work inside it. The JS sampling profile
 * files HTML parsing, style and layout under "(program)"; the trace names them.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time in µs: what the task cost, without the time the thread waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { frame?: string; url?: string; functionName?: string } };
}

export interface TaskBreakdown {
  /** ms after the first navigation event of the trace. */
  start: number;
  duration: number;
  /** [kind, ms] by descending ms; what is not covered by a named child is "기타". */
  parts: Array<[string, number]>;
}

/** Trace event names grouped the way DevTools' summary does. */
const KIND: Record<string, string> = {
  ParseHTML: 'HTML 파싱',
  ParseAuthorStyleSheet: 'CSS 파싱',
  EvaluateScript: '스크립트 실행',
  'v8.compile': '스크립트 컴파일',
  'v8.compileModule': '스크립트 컴파일',
  FunctionCall: '스크립트 실행',
  TimerFire: '스크립트 실행',
  FireIdleCallback: '유휴 콜백',
  FireAnimationFrame: '스크립트 실행',
  EventDispatch: '스크립트 실행',
  RunMicrotasks: '스크립트 실행',
  UpdateLayoutTree: '스타일',
  RecalculateStyles: '스타일',
  Layout: '레이아웃',
  PrePaint: '그리기',
  Paint: '그리기',
  Layerize: '그리기',
  'MajorGC': 'GC',
  'MinorGC': 'GC',
  'BlinkGC.AtomicPhase': 'GC',
};

/** The renderer main thread: the thread named CrRendererMain with the most long work. */
function mainThreads(events: readonly TraceEvent[]): Set<string> {
  const threads = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') threads.add(`${e.pid}:${e.tid}`);
  return threads;
}

export function longTaskBreakdown(events: readonly TraceEvent[], thresholdMs = 50): TaskBreakdown[] {
  const threads = mainThreads(events);
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined && threads.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const navigation = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStartToBegin')?.ts ?? complete[0]?.ts ?? 0;
  const runTasks = complete.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur! / 1000 > thresholdMs);
  // RunTask and ThreadControllerImpl::RunTask nest; a task is the outermost of them.
  const tasks = runTasks.filter((e) => !runTasks.some((outer) => outer !== e && outer.ts <= e.ts && outer.ts + outer.dur! >= e.ts + e.dur! && (outer.ts < e.ts || outer.dur! > e.dur! || outer.name === 'RunTask')));
  return tasks.map((task) => {
    const end = task.ts + task.dur!;
    // Time of each kind, counting only the outermost event of a kind (nested FunctionCalls are one).
    const byKind = new Map<string, number>();
    const openUntil = new Map<string, number>();
    let covered = 0;
    let coveredUntil = task.ts;
    for (const e of complete) {
      if (e.ts < task.ts || e.ts >= end || e === task) continue;
      const kind = KIND[e.name];
      if (!kind) continue;
      if ((openUntil.get(kind) ?? 0) > e.ts) continue;
      openUntil.set(kind, e.ts + e.dur!);
      byKind.set(kind, (byKind.get(kind) ?? 0) + e.dur! / 1000);
      // Union of named intervals, so "기타" is the remainder without double counting.
      const from = Math.max(e.ts, coveredUntil);
      const to = Math.min(e.ts + e.dur!, end);
      if (to > from) {
        covered += (to - from) / 1000;
        coveredUntil = to;
      }
    }
    const other = task.dur! / 1000 - covered;
    if (other > 1) byKind.set('기타', other);
    return {
      start: (task.ts - navigation) / 1000,
      duration: task.dur! / 1000,
      parts: [...byKind].sort((a, b) => b[1] - a[1]).filter(([, ms]) => ms >= 1),
    };
  });
}

export interface CpuBlocking {
  /** Top-level tasks of the renderer main thread whose CPU time, slowed down, is over 50 ms. */
  longTasks: number;
  /** Sum of (CPU time x slowdown - 50 ms) over them. */
  blockingMs: number;
}

/**
 * Total blocking time from the tasks' thread (CPU) time instead of their wall time, each scaled by
 * `slowdown` like Lighthouse's simulated phone CPU (4x). On a machine shared with other work the
 * wall time of a task includes the time its thread waited for a core, which moved a page's
 * Lighthouse TBT by seconds from run to run; thread time moves far less, so a before/after
 * comparison of a change stays readable under load. Counts every task of the trace.
 */
export function cpuBlockingTime(events: readonly TraceEvent[], slowdown = 4): CpuBlocking {
  const threads = mainThreads(events);
  const tasks = events
    .filter((e) => e.ph === 'X' && e.tdur !== undefined && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && threads.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  let longTasks = 0;
  let blockingMs = 0;
  let outerEnd = -Infinity;
  for (const task of tasks) {
    if (task.ts < outerEnd) continue; // nested in the task before it
    outerEnd = task.ts + (task.dur ?? 0);
    const ms = (task.tdur! / 1000) * slowdown;
    if (ms > 50) {
      longTasks += 1;
      blockingMs += ms - 50;
    }
  }
  return { longTasks, blockingMs };
}
