import { createRequire } from 'node:module';
import { createElement as h, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import AchievementLevel from '../AchievementLevel';
import WeeklyAssessment from '../AchievementLevel/WeeklyAssessment';
import Checklist, { ChecklistItem } from '.';
import { storageKey } from './store';

// The project has no @types/react-dom; the one function used here is typed by hand.
const { renderToString } = createRequire(import.meta.url)('react-dom/server') as { renderToString(element: ReactElement): string };

/** What the static HTML holds before any script runs: the server must not guess the reader's ticks. */
describe('checklists rendered on the server', () => {
  it('renders every item unchecked, labelled, with stable ids, and marks the list not ready', () => {
    const html = renderToString(
      h(Checklist, {
        id: 'day1',
        title: 'Day 1: 아키텍처 이해도',
        children: [
          h(ChecklistItem, { key: 'a', id: 'components', label: '클러스터 컴포넌트 역할 설명 가능' }),
          h(ChecklistItem, { key: 'b', id: 'etcd', label: 'ETCD 데이터 직접 조회 가능', children: h('a', { href: '/docs/day1/lab' }, 'Lab 1') }),
        ],
      }),
    );
    expect(html).toContain('data-checklist-id="day1"');
    expect(html).toContain('data-ready="false"');
    expect(html).toContain('<legend');
    expect(html).toMatch(/<input type="checkbox"[^>]*id="checklist-day1-components"/);
    expect(html).toMatch(/<label for="checklist-day1-components"[^>]*>클러스터 컴포넌트 역할 설명 가능<\/label>/);
    expect(html).not.toMatch(/checked=""/);
    expect(html).toContain('data-done="0" data-total="2">2개 중 0개 확인</p>');
    expect(html).toMatch(/<button[^>]*data-action="reset" aria-label="Day 1: 아키텍처 이해도 체크 초기화" disabled=""[^>]*>체크 초기화<\/button>/);
    expect(html).toContain('href="/docs/day1/lab"');
  });

  it('shows weights and the achievement level at zero until the browser reads its storage', () => {
    const weekly = renderToString(h(WeeklyAssessment));
    expect(weekly.match(/data-checklist-id="weekly-/g)).toHaveLength(4);
    expect(weekly).toContain('배점 40점 (항목당 13.3점)');
    const level = renderToString(h(AchievementLevel));
    expect(level).toContain('data-score="0"');
    expect(level).toContain('data-level="none"');
    expect(level).toContain('data-ready="false"');
  });

  it('keeps ticks under one versioned key per list', () => {
    expect(storageKey('day1')).toBe('k8s-course.checklist.v1.day1');
  });
});
