import type { Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import { ignoredLines } from './glossary';
import { lineAndColumn } from './prose';
import type { CellProblem } from './types';

/** A resource Kind and the Korean kubernetes.io/ko writes for it: Deployment → 디플로이먼트. */
export interface KindGloss {
  kind: string;
  korean: string;
}

/**
 * Headings become anchors that other pages link to, and link text is a title: neither is
 * where a reader first meets the term in a sentence, so neither is checked or changed.
 */
const NOT_PROSE = new Set(['heading', 'link', 'linkReference']);
/**
 * The English word names the Kind only when Korean or punctuation follows it ("Deployment는",
 * "Deployment, ReplicaSet"); before another English word it is part of a name ("Pod Security
 * Admission", "Service Mesh", "Envoy Gateway"), which has no Korean form.
 */
const KIND_USE_FOLLOWS = /^(?:\s*[가-힣]|\s*[,.):/·→|]|\s*$|\*\*)/;

/**
 * A checklist item ("- [ ] ...") is a checkpoint or rubric line kept in the plan's own words
 * (the rubric and the daily checkpoints quote the seed), not running prose.
 */
function isTaskItem(node: { type: string; position?: { start: { offset?: number } } }, source: string): boolean {
  if (node.type !== 'listItem') return false;
  const start = node.position?.start.offset ?? 0;
  return /^[-*+]\s+\[[ xX]\]\s/.test(source.slice(start, start + 8));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What a match is: a use to gloss, a gloss with other Korean already, or part of something else. */
type Use = 'use' | 'glossed' | 'not-a-use';

/**
 * A quotation ("Ingress: Nginx Ingress Controller", the plan's words) is not the course's prose.
 * "스태틱 파드(Static Pod)", "Envoy Gateway": after an English word the Kind is part of an English
 * name. "서비스 어카운트(ServiceAccount)", "파드 우선순위(PriorityClass, S3)": right after Korean and
 * "(" it is already glossed, with other Korean. "Redis (Deployment)": inside other parentheses a
 * gloss would nest. "Service(S1)": a gloss would be followed by another parenthesis.
 */
function useAt(source: string, at: number, kind: string): Use {
  const before = source.slice(Math.max(0, at - 2), at);
  if (/[A-Za-z] $/.test(before) || /["“]$/.test(before)) return 'not-a-use';
  if (before.endsWith('(')) return /[가-힣]/.test(before[0] ?? '') ? 'glossed' : 'not-a-use';
  const after = source.slice(at + kind.length, at + kind.length + 6);
  return KIND_USE_FOLLOWS.test(after) && !after.startsWith('(') ? 'use' : 'not-a-use';
}

/** Offset of the first prose use of `kind` as a Kind; 'glossed' when the page already glosses it another way. */
function firstUse(tree: Root, source: string, kind: string, ignored: ReadonlySet<number>): number | 'glossed' | undefined {
  // Not inside a longer name: CronJob, kube-scheduler, Secrets, Node.js.
  const word = new RegExp(`(?<![A-Za-z0-9_./-])${escapeRegExp(kind)}(?![A-Za-z0-9_-]|\\.[A-Za-z])`, 'g');
  let first: number | undefined;
  let glossed = false;
  visitParents(tree, 'text', (node, ancestors) => {
    if (ancestors.some((a) => NOT_PROSE.has(a.type) || isTaskItem(a, source))) return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    for (const match of source.slice(start, end).matchAll(word)) {
      const at = start + match.index;
      const use = useAt(source, at, kind);
      if (use === 'glossed') glossed = true;
      if (use === 'use' && !ignored.has(lineAndColumn(source, at).line) && (first === undefined || at < first)) first = at;
    }
  });
  return glossed ? 'glossed' : first;
}

/**
 * Each Kind a page names in English prose is glossed once on that page the way
 * kubernetes.io/ko does, "디플로이먼트(Deployment)" (style/glossary.yaml, `kinds`).
 * Reports the first use on a page with no gloss. Pure.
 */
export function checkKindGlosses(tree: Root, source: string, file: string, kinds: readonly KindGloss[]): CellProblem[] {
  const problems: CellProblem[] = [];
  // A line opted out of the glossary ({/* glossary-ignore: 이유 */}) is opted out of this rule too.
  const ignored = ignoredLines(source, file).lines;
  for (const { kind, korean } of kinds) {
    // kubernetes.io/ko writes some with a space too: 서비스 어카운트(ServiceAccount).
    const spaced = [...korean.replace(/ /g, '')].map(escapeRegExp).join(' ?');
    if (new RegExp(`${spaced}\\(${escapeRegExp(kind)}[,)]`).test(source)) continue;
    const at = firstUse(tree, source, kind, ignored);
    if (at === undefined || at === 'glossed') continue;
    const { line, column } = lineAndColumn(source, at);
    problems.push({
      code: 'kind-gloss',
      file,
      line,
      column,
      message: `이 페이지에 처음 나오는 리소스 종류 ${kind}: kubernetes.io/ko처럼 "${korean}(${kind})"라고 쓰세요. 리소스 종류는 페이지마다 한 번 한국어와 함께 적습니다(style/glossary.yaml의 kinds).`,
    });
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
