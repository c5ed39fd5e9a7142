import { describe, expect, it } from 'vitest';
import type { RunOutcome } from '../../agent/protocol';
import { NO_ADDONS, type Capabilities, type Need } from '../../core/needs';
import { resultText, runAllSteps, skippedGroups, stepsToSkip, willSkipText, type RunAllHandle } from './runAll';
import { statusWord } from './words';

const KWOK: Capabilities = { nodes: 'simulated', containers: false, internet: true, kindNode: false, kindCluster: false, addons: { ...NO_ADDONS }, context: 'k8s-course-local' };

/** A stub cell that records whether run-all started it or passed over it. */
function cell(needs: Need[] = [], status: RunOutcome['status'] = 'passed', log: string[] = [], id = ''): RunAllHandle {
  return {
    kind: 'shell',
    role: 'run',
    needs,
    start: async () => {
      log.push(`run ${id}`);
      return { status, durationMs: 1 };
    },
    skip: (message) => log.push(`skip ${id}: ${message}`),
  };
}

const steps = (log: string[], ...cells: Array<[string, Need[], RunOutcome['status']?]>) =>
  cells.map(([id, needs, status]) => [id, cell(needs, status, log, id)] as const);

const noRefresh = async (): Promise<Capabilities | undefined> => {
  throw new Error('no add-on need: no fresh look expected');
};

describe('run all', () => {
  it('passes over cells whose needs the cluster lacks, runs the rest to the end, and lists the skipped by need', async () => {
    const log: string[] = [];
    const result = await runAllSteps(steps(log, ['a', []], ['break', ['containers']], ['verify-break', ['containers']], ['b', []]), { capabilities: KWOK, refresh: noRefresh });
    expect(log.filter((l) => l.startsWith('run'))).toEqual(['run a', 'run b']);
    expect(log.find((l) => l.startsWith('skip break'))).toBe('skip break: 실제 컨테이너');
    expect(result.skipped[0]!.note.message).toContain('이 셀은 실제 컨테이너가 필요합니다: 지금 클러스터는 시뮬레이션 노드(kwok)');
    expect(result).toMatchObject({ total: 4, ran: 2 });
    expect(result.stopped).toBeUndefined();
    expect(result.skipped.map((s) => s.id)).toEqual(['break', 'verify-break']);
    expect(skippedGroups(result.skipped)).toEqual([{ label: '건너뜀: 실제 컨테이너 필요', ids: ['break', 'verify-break'] }]);
    const text = resultText(result, statusWord);
    expect(text).toContain('끝까지 진행했습니다: 셀 4개 중 2개를 실행했고');
    expect(text).toContain('2개는 건너뛰었습니다');
    expect(text).not.toMatch(/멈췄습니다|실패/);
  });

  it('runs every cell as before while the capabilities are unknown (no agent answer), and stops at the first failure', async () => {
    const log: string[] = [];
    const result = await runAllSteps(steps(log, ['a', []], ['break', ['containers'], 'failed'], ['b', []]), { capabilities: undefined, refresh: noRefresh });
    expect(log).toEqual(['run a', 'run break']);
    expect(result).toMatchObject({ ran: 2, skipped: [], stopped: { id: 'break', index: 1, status: 'failed' } });
    expect(resultText(result, statusWord)).toBe('2번째 셀에서 멈췄습니다 (실패). 셀로 이동해 출력을 확인하세요: ');
  });

  it('looks again before passing over a cell for an add-on, which an earlier step may have installed', async () => {
    const log: string[] = [];
    let looks = 0;
    const installed = { ...KWOK, addons: { ...NO_ADDONS, 'metrics-server': true } };
    const result = await runAllSteps(steps(log, ['install', []], ['top', ['addon:metrics-server']], ['hpa', ['addon:keda']]), {
      capabilities: KWOK,
      refresh: async () => {
        looks += 1;
        return installed;
      },
    });
    expect(log.filter((l) => l.startsWith('run'))).toEqual(['run install', 'run top']);
    expect(looks).toBe(2);
    expect(skippedGroups(result.skipped)).toEqual([{ label: '건너뜀: KEDA 필요', ids: ['hpa'] }]);
  });

  it('a failure after skipped cells names both', async () => {
    const log: string[] = [];
    const result = await runAllSteps(steps(log, ['break', ['containers']], ['a', [], 'timed-out']), { capabilities: KWOK, refresh: noRefresh });
    expect(resultText(result, statusWord)).toBe('2번째 셀에서 멈췄습니다 (시간 초과). 지금 클러스터에 없는 것이 필요한 셀 1개는 건너뛰었습니다. 셀로 이동해 출력을 확인하세요: ');
  });

  it('says before a run how many cells it will pass over, by need, and nothing when none or unknown', () => {
    const log: string[] = [];
    const planned = steps(log, ['a', []], ['break', ['containers']], ['top', ['containers', 'addon:metrics-server']], ['exec', ['containers']]);
    expect(willSkipText(stepsToSkip(planned, KWOK))).toBe('"셀 모두 실행"은 지금 클러스터에 없는 것이 필요한 셀 3개를 건너뜁니다 (실제 컨테이너 필요 2개, 실제 컨테이너, metrics-server(메트릭 API) 필요 1개).');
    expect(willSkipText(stepsToSkip(planned, undefined))).toBeUndefined();
    expect(willSkipText(stepsToSkip(steps(log, ['a', []]), KWOK))).toBeUndefined();
    expect(log).toEqual([]);
  });
});
