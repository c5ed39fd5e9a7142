/**
 * Parsing of the fences that describe proofs rather than steps: how an expected-output block is
 * compared (`text output-of=ID compare=none reason="..."`, `retry=N`) and a lab step's deliberate
 * mistake (`bash mutant of=VERIFY_ID`). Kept apart from cell.ts so the step cells stay readable.
 */
import type { FenceProblem, Fence } from './cell';
import { ID_PATTERN } from './syntax';
import type { OutputCompare } from './types';

/** The most extra runs an output block may ask for: each is a full run of the cell. */
export const MAX_OUTPUT_RETRIES = 10;

interface MetaView {
  flags: Set<string>;
  keys: Map<string, string>;
}

const problemAt = (fence: Fence, problems: FenceProblem[]) => (message: string, code: FenceProblem['code'] = 'bad-value'): void => {
  problems.push({ code, line: fence.line, column: fence.column, message });
};

/** `compare=` and `retry=` of a `text output-of=ID` block. */
export function outputCompare(meta: MetaView, fence: Fence, problems: FenceProblem[]): OutputCompare {
  const at = problemAt(fence, problems);
  const compare = meta.keys.get('compare');
  const reason = meta.keys.get('reason');
  const retry = meta.keys.get('retry');
  if (compare !== undefined && compare !== 'none' && compare !== 'tolerant') {
    at(`compare=${compare}는 지원하지 않습니다. 비교하지 않을 블록에는 compare=none reason="..."을, 아니면 compare를 지우세요 (기본은 관대한 비교).`);
  }
  if (compare === 'none') {
    if (retry !== undefined) at('compare=none인 블록에는 retry=를 쓸 수 없습니다 (비교하지 않으니 다시 실행할 일도 없습니다).', 'conflicting-flags');
    if (!reason?.trim()) {
      at('compare=none에는 이유가 필요합니다: compare=none reason="독자의 컨텍스트 이름이 저마다 다름"처럼 왜 비교할 수 없는지 쓰세요.', 'missing-reason');
      return { mode: 'none', reason: '' };
    }
    return { mode: 'none', reason: reason.trim() };
  }
  if (reason !== undefined) at('예상 출력 블록의 reason="..."은 compare=none과 함께만 씁니다.');
  let retries = 0;
  if (retry !== undefined) {
    const n = Number(retry);
    if (!Number.isInteger(n) || n < 1 || n > MAX_OUTPUT_RETRIES) {
      at(`retry=${retry}은 올바르지 않습니다. 출력이 다를 때 셀을 다시 실행할 횟수를 1에서 ${MAX_OUTPUT_RETRIES} 사이 정수로 쓰세요 (읽기만 하는 셀에만).`);
    } else {
      retries = n;
    }
  }
  return { mode: 'tolerant', retries };
}

/** `of=`, `restore=` and `undo=` of a `mutant` cell; undefined `of` when it is missing or malformed. */
export function mutantTarget(meta: MetaView, fence: Fence, problems: FenceProblem[]): { of?: string; restore?: string[]; undo?: string } {
  const at = problemAt(fence, problems);
  const of = meta.keys.get('of');
  let target: string | undefined;
  if (of === undefined) {
    at('mutant 셀에는 이 실수로 실패해야 할 verify 셀의 id가 필요합니다: ```bash mutant of=d2-lab-verify-web처럼 쓰세요.', 'missing-reason');
  } else if (!ID_PATTERN.test(of)) {
    at(`of=${of}은 셀 id가 아닙니다. 같은 파일에 있는 verify 셀의 id를 쓰세요.`);
  } else {
    target = of;
  }
  const restoreText = meta.keys.get('restore');
  let restore: string[] | undefined;
  if (restoreText !== undefined) {
    restore = restoreText.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = restore.filter((id) => !ID_PATTERN.test(id));
    if (restore.length === 0 || bad.length > 0) {
      at(`restore=${restoreText}은 올바르지 않습니다. 바른 상태로 되돌릴 때 다시 실행할 셀 id를 쉼표로 나열하세요 (예: restore=d2-lab-web,d2-lab-svc).`);
      restore = undefined;
    }
  }
  const undoText = meta.keys.get('undo');
  let undo: string | undefined;
  if (undoText !== undefined) {
    if (undoText.trim()) undo = undoText.trim();
    else at('undo=""가 비어 있습니다. 실수를 되돌릴 셸 명령을 쓰세요 (예: undo="kubectl label node k8s-course-worker2 disktype=ssd --overwrite").', 'missing-reason');
  }
  return { of: target, restore, undo };
}
