import { describe, expect, it } from 'vitest';
import { ALL_CAPABILITIES, NO_ADDONS, cellNeedsNote, declaredCapabilities, needsFromAttribute, unmetNeeds, type Capabilities } from './needs';

/** The project's own control plane: kwok nodes, no internet in CI, no add-ons. */
const KWOK: Capabilities = { nodes: 'simulated', containers: false, internet: false, kindNode: false, kindCluster: false, addons: { ...NO_ADDONS }, context: 'k8s-course-local' };

describe("the page's decision for a cell's needs", () => {
  it('reads the attribute the remark plugin writes, dropping what the build would have refused', () => {
    expect(needsFromAttribute('containers,addon:metrics-server')).toEqual(['containers', 'addon:metrics-server']);
    expect(needsFromAttribute(undefined)).toEqual([]);
    expect(needsFromAttribute('containers,gpu')).toEqual(['containers']);
  });

  it('says nothing while the capabilities are unknown, for a cell without needs, or when all are met', () => {
    expect(cellNeedsNote(['containers'], undefined)).toBeUndefined();
    expect(cellNeedsNote([], KWOK)).toBeUndefined();
    expect(cellNeedsNote(['containers', 'internet', 'addon:keda'], ALL_CAPABILITIES)).toBeUndefined();
  });

  it('on simulated nodes, names the missing containers in the words the notebook runner skips with, and the reason', () => {
    const note = cellNeedsNote(['containers'], KWOK, 'kubectl exec가 필요합니다');
    expect(note?.unmet.map((u) => u.need)).toEqual(['containers']);
    expect(note?.message).toBe(`${unmetNeeds(['containers'], KWOK)[0]!.message} kubectl exec가 필요합니다.`);
    expect(note?.message).toContain('이 셀은 실제 컨테이너가 필요합니다: 지금 클러스터는 시뮬레이션 노드(kwok)');
    expect(note?.skipped).toBe('건너뜀: 실제 컨테이너 필요');
  });

  it('lists only the unmet needs: real nodes without internet miss the internet, not the containers', () => {
    const real = declaredCapabilities('containers').capabilities!;
    const note = cellNeedsNote(['containers', 'internet', 'addon:metrics-server'], real);
    expect(note?.unmet.map((u) => u.need)).toEqual(['internet', 'addon:metrics-server']);
    expect(note?.skipped).toBe('건너뜀: 인터넷, metrics-server(메트릭 API) 필요');
  });

  it('registry images: run on simulated nodes (nothing is pulled) and with internet, skip on real nodes without it', () => {
    const real = declaredCapabilities('containers').capabilities!;
    expect(cellNeedsNote(['registry-images'], KWOK)).toBeUndefined();
    expect(cellNeedsNote(['registry-images'], { ...real, internet: true })).toBeUndefined();
    const note = cellNeedsNote(['registry-images'], real);
    expect(note?.skipped).toBe('건너뜀: 레지스트리에서 받는 이미지 필요');
    expect(note?.message).toContain('로컬 이미지 세트에 없는 이미지');
    expect(declaredCapabilities('containers,registry-images').capabilities!.internet).toBe(true);
  });
});
