import { createRequire } from 'node:module';
import { createElement as h, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { CRITERIA, HUMAN_POINTS, MACHINE_POINTS } from '../../rubric/catalog';
import RubricTable from '.';

// The project has no @types/react-dom; the one function used here is typed by hand.
const { renderToString } = createRequire(import.meta.url)('react-dom/server') as { renderToString(element: ReactElement): string };

describe('the rubric table on the site', () => {
  it('shows every criterion of the catalog the scorer uses, split into machine and human points', () => {
    const html = renderToString(h(RubricTable));
    expect(html.match(/data-criterion="/g)).toHaveLength(CRITERIA.length);
    expect(html.match(/data-area="/g)).toHaveLength(4);
    expect(html).toContain(`자동 채점 <strong>${MACHINE_POINTS}점</strong>`);
    expect(html).toContain(`사람 평가 <strong>${HUMAN_POINTS}점</strong>`);
    expect(html).toContain('클러스터 정상 구축 및 HA 구성 (10점)');
  });
});
