import type { RunStatus } from './types';

/** How a shell process ended, as the runner observed it. */
export interface ProcessEnding {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** A background cell stopped on request while it was still running: it did its job. */
  stopped?: boolean;
  /** The process could not be started (bash missing, bad working directory ...). */
  spawnError?: Error;
  /** A tty cell stopped because this command waited for input (pty.ts). */
  waitingInput?: string;
}

/** The runner's own reasons win over the exit code: a killed group always exits by a signal. */
export function statusOf(ending: ProcessEnding): RunStatus {
  if (ending.spawnError) return 'error';
  if (ending.stopped) return 'passed';
  if (ending.timedOut) return 'timed-out';
  if (ending.cancelled) return 'cancelled';
  if (ending.waitingInput) return 'failed';
  return ending.exitCode === 0 ? 'passed' : 'failed';
}

export interface MessageContext {
  role?: 'run' | 'verify' | 'cleanup' | 'background';
  timeoutMs?: number;
  okMessage?: string;
  failMessage?: string;
  cwd?: string;
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10}초`;

/** The Korean line the reader sees for a finished shell cell. */
export function messageOf(status: RunStatus, ending: ProcessEnding, context: MessageContext = {}): string {
  switch (status) {
    case 'passed':
      if (ending.stopped) return '백그라운드 셀을 멈췄습니다.';
      if (context.role === 'verify') return context.okMessage ?? '확인을 통과했습니다.';
      return '셀이 성공적으로 끝났습니다.';
    case 'failed': {
      if (ending.waitingInput) {
        return `셀이 입력을 기다리고 있습니다 (${ending.waitingInput}). 페이지와 노트북의 셀에는 입력할 수 없어 중지했습니다: 묻지 않는 옵션(-y, --yes, --force 등)을 쓰거나, 이 명령은 터미널에서 직접 실행하세요.`;
      }
      const how = ending.exitCode !== null ? `종료 코드 ${ending.exitCode}` : `신호 ${ending.signal ?? '알 수 없음'}`;
      if (context.role === 'verify') {
        return `${context.failMessage ?? '확인에 실패했습니다.'} (${how})`;
      }
      return `셀이 실패했습니다 (${how}). 위의 출력에서 오류를 확인하세요.`;
    }
    case 'timed-out':
      return `셀이 제한 시간 ${seconds(context.timeoutMs ?? 0)} 안에 끝나지 않아 중지했습니다. 클러스터 상태를 확인하거나, 오래 걸리는 셀이면 timeout=초를 늘리세요.`;
    case 'cancelled':
      return '실행을 취소해 셀의 프로세스를 모두 중지했습니다.';
    case 'error': {
      const err = ending.spawnError as NodeJS.ErrnoException | undefined;
      if (err?.code === 'ENOENT' && context.cwd) {
        return `셀을 시작하지 못했습니다: bash나 작업 폴더(${context.cwd})를 찾을 수 없습니다. bash가 설치되어 있는지, 폴더가 있는지 확인하세요.`;
      }
      return `셀을 시작하지 못했습니다: ${err?.message ?? '알 수 없는 오류'}.`;
    }
  }
}
