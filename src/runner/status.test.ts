import { describe, expect, it } from 'vitest';
import { messageOf, statusOf, type ProcessEnding } from './status';

const ending = (over: Partial<ProcessEnding>): ProcessEnding => ({ exitCode: null, signal: null, timedOut: false, cancelled: false, ...over });

describe('statusOf', () => {
  it('maps exit codes', () => {
    expect(statusOf(ending({ exitCode: 0 }))).toBe('passed');
    expect(statusOf(ending({ exitCode: 2 }))).toBe('failed');
    expect(statusOf(ending({ signal: 'SIGSEGV' }))).toBe('failed');
  });

  it("lets the runner's own reasons win over how the process died", () => {
    expect(statusOf(ending({ signal: 'SIGTERM', timedOut: true }))).toBe('timed-out');
    expect(statusOf(ending({ signal: 'SIGTERM', cancelled: true }))).toBe('cancelled');
    expect(statusOf(ending({ signal: 'SIGTERM', stopped: true }))).toBe('passed');
    expect(statusOf(ending({ spawnError: new Error('x'), timedOut: true }))).toBe('error');
  });
});

describe('messageOf', () => {
  it("uses a verify cell's own ok and fail messages", () => {
    const ctx = { role: 'verify' as const, okMessage: '준비됨', failMessage: '아직 아님' };
    expect(messageOf('passed', ending({ exitCode: 0 }), ctx)).toBe('준비됨');
    expect(messageOf('failed', ending({ exitCode: 1 }), ctx)).toBe('아직 아님 (종료 코드 1)');
  });

  it('says what happened and what to do on a timeout', () => {
    const text = messageOf('timed-out', ending({ signal: 'SIGTERM', timedOut: true }), { timeoutMs: 1500 });
    expect(text).toContain('1.5초');
    expect(text).toContain('timeout=');
  });

  it('names a missing working directory', () => {
    const err = Object.assign(new Error('spawn bash ENOENT'), { code: 'ENOENT' });
    expect(messageOf('error', ending({ spawnError: err }), { cwd: '/nope' })).toContain('/nope');
  });
});
