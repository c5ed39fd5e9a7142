/**
 * Tolerant comparison of a page's expected output (`text output-of=ID`) with what the cell really
 * printed, in the spirit of Istio's doc tests: what changes from run to run (ages, UIDs, IPs,
 * pod-name hashes, resourceVersions, timestamps, column widths) is not a difference, and a line
 * `...` in the expected text stands for any number of lines. Pure: no Node APIs.
 */

/** One placeholder per kind of volatile value; both sides are rewritten the same way. */
const VOLATILE: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  // Terminal colours and cursor movement (a cell run in a pseudo-terminal).
  { name: '', pattern: /\u001b\[[0-9;?]*[A-Za-z]/g },
  // RFC 3339 timestamps (creationTimestamp, events, logs), before the ages and numbers inside them.
  { name: '<time>', pattern: /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g },
  // `ls -l` dates: `Jan  1 00:00`, `Dec 24  2025`.
  { name: '<time>', pattern: /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +(?:\d{2}:\d{2}|\d{4})\b/g },
  { name: '<uid>', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi },
  // IPv4 with optional prefix length; ports stay (they are part of what a page teaches).
  { name: '<ip>', pattern: /\b(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?\b/g },
  { name: 'resourceVersion: <rv>', pattern: /resourceVersion: *"?\d+"?/g },
  { name: '"resourceVersion": <rv>', pattern: /"resourceVersion": *"\d+"/g },
  // Generated name suffixes use Kubernetes' own alphabet (no vowels, no 0/1/3): ReplicaSet hash
  // then pod suffix (`web-7d4b9c8f6-x2k9p`), or a pod suffix alone (`job-abc12`, `web-x2k9p`).
  { name: '-<hash>-<hash>', pattern: /-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\b/g },
  { name: '-<hash>', pattern: /-[bcdfghjklmnpqrstvwxz2456789]{5}\b(?!-)/g },
  // The course's cluster under its two names: kind (what readers make) and the local control plane (CI).
  { name: '<course-context>', pattern: /\b(?:kind-k8s-course|k8s-course-local)\b/g },
  // Ages as kubectl prints them: 5s, 3m2s, 10m, 2d3h, 47h, <invalid>, <unknown>.
  { name: '<age>', pattern: /(?<![\w.-])(?:\d+[smhdy]){1,3}(?![\w.-])/g },
  { name: '<age>', pattern: /<invalid>|<unknown>/g },
];

export const ELISION = '...';

/** A line as compared: volatile values replaced, whitespace runs collapsed, trimmed. */
export function canonicalLine(line: string): string {
  let text = line;
  for (const { name, pattern } of VOLATILE) text = text.replace(pattern, name);
  return text.replace(/\s+/g, ' ').trim();
}

/** Lines worth comparing: CRLF and bare CR (progress redraws) folded, blank lines dropped. */
function meaningfulLines(text: string): Array<{ raw: string; canon: string; index: number }> {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .map((raw, index) => ({ raw, canon: canonicalLine(raw), index }))
    .filter((line) => line.canon !== '');
}

export interface OutputMatch {
  ok: boolean;
  /**
   * Unified-style diff of the original lines (`  ` same, `- ` only expected, `+ ` only actual),
   * empty when ok. Lines are the expected block's (0-based) where known.
   */
  diff: DiffLine[];
  /** 0-based line (inside the expected block) of the first expected line that did not match. */
  firstMismatch?: number;
}

export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
  /** 0-based line inside the expected block (for `-` and ` `). */
  expectedLine?: number;
}

/**
 * Does `actual` fit `expected`? Each expected line must match one actual line in order (after
 * canonicalLine); a `...` line matches any run of actual lines, including none.
 */
export function matchOutput(expected: string, actual: string): OutputMatch {
  const want = meaningfulLines(expected);
  const got = meaningfulLines(actual);
  // fits[i][j]: want[i..] matches got[j..]. Small tables (pages show a few dozen lines).
  const fits: boolean[][] = Array.from({ length: want.length + 1 }, () => new Array<boolean>(got.length + 1).fill(false));
  fits[want.length]![got.length] = true;
  for (let i = want.length - 1; i >= 0; i -= 1) {
    for (let j = got.length; j >= 0; j -= 1) {
      const w = want[i]!;
      if (w.canon === ELISION) fits[i]![j] = fits[i + 1]![j]! || (j < got.length && fits[i]![j + 1]!);
      else fits[i]![j] = j < got.length && w.canon === got[j]!.canon && fits[i + 1]![j + 1]!;
    }
  }
  if (fits[0]![0]) return { ok: true, diff: [] };
  const diff = lineDiff(want, got);
  return { ok: false, diff, firstMismatch: firstDifferentExpected(diff, want) };
}

function firstDifferentExpected(diff: DiffLine[], want: Array<{ index: number }>): number | undefined {
  let lastSame: number | undefined;
  for (const d of diff) {
    if (d.op === ' ') lastSame = d.expectedLine;
    else return d.expectedLine ?? (lastSame !== undefined ? lastSame + 1 : want[0]?.index);
  }
  return undefined;
}

/** Longest-common-subsequence diff over canonical lines; `...` lines are shown as kept. */
function lineDiff(want: Array<{ raw: string; canon: string; index: number }>, got: Array<{ raw: string; canon: string }>): DiffLine[] {
  const n = want.length;
  const m = got.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i]![j] = want[i]!.canon === got[j]!.canon ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && want[i]!.canon === ELISION) {
      out.push({ op: ' ', text: want[i]!.raw, expectedLine: want[i]!.index });
      i += 1;
      // The elision swallows actual lines until the next expected line matches.
      while (j < m && (i >= n || got[j]!.canon !== want[i]!.canon)) j += 1;
    } else if (i < n && j < m && want[i]!.canon === got[j]!.canon) {
      out.push({ op: ' ', text: want[i]!.raw, expectedLine: want[i]!.index });
      i += 1;
      j += 1;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) {
      out.push({ op: '+', text: got[j]!.raw });
      j += 1;
    } else {
      out.push({ op: '-', text: want[i]!.raw, expectedLine: want[i]!.index });
      i += 1;
    }
  }
  return out;
}

/**
 * The readable failure: Korean header with the block's file:line, then the diff with the page's
 * line numbers (`-` what the page shows, `+` what the cell printed). `maxLines` keeps huge outputs short.
 */
export function formatOutputMismatch(
  match: OutputMatch,
  where: { file: string; sourceLine: number; cellId: string },
  maxLines = 40,
): string {
  const line = where.sourceLine + (match.firstMismatch ?? 0);
  const header = `예상 출력이 실제 출력과 다릅니다: ${where.file}:${line} (output-of=${where.cellId}). 페이지의 블록을 실제 출력에 맞게 고치거나, 비교할 수 없는 블록이면 compare=none reason="..."을 붙이세요.`;
  const legend = '  (- 페이지의 예상 출력, + 셀의 실제 출력; 나이·UID·IP·해시·시각·열 간격 차이는 무시했습니다)';
  const lines = match.diff.map((d) => {
    const at = d.expectedLine !== undefined ? String(where.sourceLine + d.expectedLine).padStart(4) : '    ';
    return `${at} ${d.op} ${d.text}`;
  });
  const shown = lines.length > maxLines ? [...lines.slice(0, maxLines), `     … ${lines.length - maxLines}줄 더`] : lines;
  return [header, legend, ...shown].join('\n');
}
