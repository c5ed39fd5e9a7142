import { hashSource } from './hash';
import { mutantTarget, outputCompare } from './cell-extras';
import { parseTypedChecks } from './checks';
import { parseNeeds } from './needs';
import { tokenizeMeta, type MetaToken } from './meta';
import {
  CELL_FLAGS,
  ID_PATTERN,
  KNOWN_WORDS_HINT,
  MAX_TIMEOUT_SECONDS,
  NAMESPACE_PATTERN,
  SHELL_ROLE_FLAGS,
  isCellFlag,
  isCellKey,
  isDisplayFlag,
  isDisplayKey,
  isOutputLanguage,
  isShellLanguage,
  isYamlLanguage,
} from './syntax';
import type { Cell, CellCommon, CellProblem, ManifestCell, ManifestDocument, RunOptions, ShellCell, ShellRole } from './types';
import { splitYamlDocuments, toManifestDocument } from './yaml';

/** One fenced code block, as remark gives it. */
export interface Fence {
  file: string;
  lang: string | null | undefined;
  meta: string | null | undefined;
  value: string;
  /** Line and column of the opening fence. */
  line: number;
  column: number;
}

export type FenceProblem = Omit<CellProblem, 'file'>;

export interface FenceResult {
  /** Undefined for a static block (or one too broken to become a cell). */
  cell?: Cell;
  problems: FenceProblem[];
}

interface SortedMeta {
  flags: Set<string>;
  keys: Map<string, string>;
  display: string[];
}

/** Slug of a file path for derived ids: `notebooks/day1/lab.md` -> `notebooks-day1-lab`. */
export function fileSlug(file: string): string {
  return file
    .replace(/\.(mdx?|markdown)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function derivedId(file: string, ordinal: number): string {
  return `${fileSlug(file)}-${ordinal}`;
}

function displayToken(token: MetaToken): string {
  if (token.value === undefined) return token.name;
  return `${token.name}="${token.value.replace(/"/g, '\\"')}"`;
}

function sortMeta(tokens: MetaToken[], fence: Fence, problems: FenceProblem[]): SortedMeta {
  const sorted: SortedMeta = { flags: new Set(), keys: new Map(), display: [] };
  const at = (message: string, code: FenceProblem['code'] = 'bad-value'): void => {
    problems.push({ code, line: fence.line, column: fence.column, message });
  };
  for (const token of tokens) {
    if (token.value === undefined) {
      if (isCellFlag(token.name)) sorted.flags.add(token.name);
      else if (isDisplayFlag(token.name)) sorted.display.push(displayToken(token));
      else if (isCellKey(token.name)) at(`"${token.name}"에는 값이 필요합니다 (예: ${token.name}=...).`);
      else at(`알 수 없는 셀 플래그 "${token.name}"입니다. 오타인지 확인하세요. 쓸 수 있는 것: ${KNOWN_WORDS_HINT}`, 'unknown-flag');
      continue;
    }
    if (isCellKey(token.name)) {
      if (sorted.keys.has(token.name)) at(`"${token.name}="가 두 번 쓰였습니다. 하나만 남기세요.`);
      sorted.keys.set(token.name, token.value);
    } else if (isDisplayKey(token.name)) {
      sorted.display.push(displayToken(token));
    } else if (isCellFlag(token.name)) {
      at(`"${token.name}"는 값 없이 쓰는 플래그입니다. "${token.name}=${token.value}" 대신 "${token.name}"라고 쓰세요.`);
    } else {
      at(`알 수 없는 셀 키 "${token.name}="입니다. 오타인지 확인하세요. 쓸 수 있는 것: ${KNOWN_WORDS_HINT}`, 'unknown-flag');
    }
  }
  return sorted;
}

function runOptions(meta: SortedMeta, fence: Fence, problems: FenceProblem[]): RunOptions {
  const at = (message: string, code: FenceProblem['code'] = 'bad-value'): void => {
    problems.push({ code, line: fence.line, column: fence.column, message });
  };
  const options: RunOptions = {
    challengePart: meta.flags.has('fault') ? 'fault' : meta.flags.has('solution') ? 'solution' : undefined,
  };
  if (meta.flags.has('fault') && meta.flags.has('solution')) {
    at('한 셀에 fault와 solution을 함께 붙일 수 없습니다. 장애 주입 셀과 해결 셀을 나누세요.', 'conflicting-flags');
  }
  const timeout = meta.keys.get('timeout');
  if (timeout !== undefined) {
    const seconds = Number(timeout);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
      at(`timeout=${timeout}은 올바르지 않습니다. 1에서 ${MAX_TIMEOUT_SECONDS} 사이의 초 단위 정수를 쓰세요.`);
    } else {
      options.timeoutSeconds = seconds;
    }
  }
  const namespace = meta.keys.get('namespace');
  if (namespace !== undefined) {
    if (!NAMESPACE_PATTERN.test(namespace)) {
      at(`namespace=${namespace}은 쿠버네티스 네임스페이스 이름이 아닙니다 (소문자, 숫자, "-"만, 63자 이하).`);
    } else {
      options.namespace = namespace;
    }
  }
  const reason = meta.keys.get('reason');
  if (meta.keys.has('ci')) {
    const ci = meta.keys.get('ci');
    at(
      `ci=${ci}는 더 이상 쓰지 않습니다. 셀이 무엇을 필요로 하는지 needs=로 쓰세요 (예: needs=containers, needs=internet, needs=kind-node, needs=addon:prometheus). ` +
        '러너와 에이전트가 지금 클러스터에 그것이 있는지 보고 실행하거나 이유와 함께 건너뜁니다. 설명이 더 필요하면 reason="..."을 덧붙이세요.',
    );
  }
  const needs = meta.keys.get('needs');
  if (needs !== undefined) {
    const parsed = parseNeeds(needs);
    for (const error of parsed.errors) at(error);
    if (parsed.needs.length) options.needs = parsed.needs;
    if (reason !== undefined) {
      if (!reason.trim()) at('reason=""가 비어 있습니다. 이유를 쓰거나 reason=을 지우세요.', 'missing-reason');
      else options.needsReason = reason.trim();
    }
  } else if (reason !== undefined && !meta.keys.has('ci')) {
    at('reason="..."은 needs=와 함께만 씁니다 (셀이 무엇을 필요로 하는지의 설명).');
  }
  const scenario = meta.keys.get('scenario');
  if (scenario !== undefined) {
    if (!ID_PATTERN.test(scenario)) at(`scenario=${scenario}은 올바르지 않습니다. s1, s2처럼 소문자와 숫자로 쓰세요.`);
    else options.scenario = scenario;
  }
  if (options.challengePart && !options.scenario) {
    at(`${options.challengePart} 셀에는 scenario=s1처럼 시나리오 이름이 필요합니다. 같은 시나리오의 fault, verify, solution 셀을 묶는 데 씁니다.`);
  }
  return options;
}

function shellRole(meta: SortedMeta, fence: Fence, problems: FenceProblem[]): ShellRole | undefined {
  const roles = SHELL_ROLE_FLAGS.filter((flag) => meta.flags.has(flag) && flag !== 'run');
  if (roles.length > 1) {
    problems.push({
      code: 'conflicting-flags',
      line: fence.line,
      column: fence.column,
      message: `${roles.join('와 ')}는 함께 쓸 수 없습니다. 셀 하나에는 역할 하나만 붙이세요.`,
    });
    return undefined;
  }
  // A fault or solution shell cell is something to run, even without `run`.
  const runs = meta.flags.has('run') || meta.flags.has('fault') || meta.flags.has('solution');
  return roles[0] ?? (runs ? 'run' : undefined);
}

function rejectKeys(meta: SortedMeta, allowed: string[], what: string, fence: Fence, problems: FenceProblem[]): void {
  for (const key of meta.keys.keys()) {
    if (!allowed.includes(key)) {
      problems.push({
        code: 'conflicting-flags',
        line: fence.line,
        column: fence.column,
        message: `${what}에는 ${key}=를 쓸 수 없습니다.`,
      });
    }
  }
}

function rejectFlags(meta: SortedMeta, allowed: string[], what: string, fence: Fence, problems: FenceProblem[]): void {
  for (const flag of meta.flags) {
    if (!allowed.includes(flag)) {
      problems.push({
        code: 'conflicting-flags',
        line: fence.line,
        column: fence.column,
        message: `${what}에는 ${flag} 플래그를 쓸 수 없습니다.`,
      });
    }
  }
}

/**
 * Turns one fenced code block into a cell (or leaves it static), collecting every
 * author mistake. `ordinal` is the 1-based position among this file's cells, used
 * for ids the author did not give.
 */
export function cellFromFence(fence: Fence, ordinal: number): FenceResult {
  const problems: FenceProblem[] = [];
  const lang = (fence.lang ?? '').toLowerCase();
  const parsedMeta = tokenizeMeta(fence.meta);
  if (parsedMeta.error) {
    problems.push({ code: 'meta-syntax', line: fence.line, column: fence.column, message: parsedMeta.error });
  }
  const meta = sortMeta(parsedMeta.tokens, fence, problems);
  const hasCellWords = meta.flags.size > 0 || meta.keys.size > 0;
  const yaml = isYamlLanguage(lang);
  if (!hasCellWords && !yaml) return { problems };

  const explicitId = meta.keys.get('id');
  if (explicitId !== undefined && !ID_PATTERN.test(explicitId)) {
    problems.push({
      code: 'invalid-id',
      line: fence.line,
      column: fence.column,
      message: `셀 id "${explicitId}"는 쓸 수 없습니다. 소문자, 숫자, "-"만 써서 80자 이하로 지으세요 (예: d2-lab-deploy).`,
    });
  }
  const common: CellCommon = {
    id: explicitId !== undefined && ID_PATTERN.test(explicitId) ? explicitId : derivedId(fence.file, ordinal),
    explicitId: explicitId !== undefined,
    lang,
    source: fence.value,
    hash: hashSource(fence.value),
    displayMeta: meta.display.join(' '),
    file: fence.file,
    line: fence.line,
    sourceLine: fence.line + 1,
  };

  if (isShellLanguage(lang)) return shellCell(common, meta, fence, problems);
  if (yaml) return yamlCell(common, meta, fence, problems);
  if (isOutputLanguage(lang) && meta.keys.has('output-of')) {
    rejectFlags(meta, [], '예상 출력 블록', fence, problems);
    rejectKeys(meta, ['output-of', 'id', 'compare', 'reason', 'retry'], '예상 출력 블록', fence, problems);
    const compare = outputCompare(meta, fence, problems);
    return { cell: { ...common, kind: 'output', of: meta.keys.get('output-of')!, compare }, problems };
  }
  const runnableWords = [...meta.flags].filter((flag) => (CELL_FLAGS as readonly string[]).includes(flag));
  problems.push({
    code: 'not-runnable-language',
    line: fence.line,
    column: fence.column,
    message: `"${lang || '(언어 없음)'}" 코드 블록은 셀이 될 수 없습니다${runnableWords.length ? ` (${runnableWords.join(', ')})` : ''}. 실행 셀은 bash, 매니페스트는 yaml, 예상 출력은 text output-of=ID로 쓰세요.`,
  });
  return { problems };
}

/** A `mutant` fence: the wrong variant is parsed as an ordinary run/apply cell and wrapped. */
function mutantCell(variant: ShellCell | ManifestCell, meta: SortedMeta, fence: Fence, problems: FenceProblem[]): FenceResult {
  const { of, restore, undo } = mutantTarget(meta, fence, problems);
  if (!of) return { problems };
  const { kind: _kind, ...common } = variant;
  return { cell: { ...common, kind: 'mutant', of, variant, restore, ...(undo ? { undo } : {}) }, problems };
}

const MUTANT_KEYS = ['id', 'of', 'restore', 'undo', 'timeout', 'namespace', 'ci', 'needs', 'reason'];

function shellCell(common: CellCommon, meta: SortedMeta, fence: Fence, problems: FenceProblem[]): FenceResult {
  if (meta.flags.has('mutant')) {
    rejectFlags(meta, ['mutant', 'tty'], 'mutant 셀(틀린 변형은 그냥 실행됩니다)', fence, problems);
    rejectKeys(meta, MUTANT_KEYS, 'mutant 셀', fence, problems);
    const options = runOptions(meta, fence, problems);
    return mutantCell({ ...common, ...options, kind: 'shell', role: 'run', tty: meta.flags.has('tty') || undefined }, meta, fence, problems);
  }
  rejectFlags(meta, ['run', 'verify', 'cleanup', 'background', 'fault', 'solution', 'tty'], 'bash 셀', fence, problems);
  rejectKeys(meta, ['id', 'timeout', 'namespace', 'ci', 'needs', 'reason', 'ok', 'fail', 'scenario'], 'bash 셀', fence, problems);
  const role = shellRole(meta, fence, problems);
  if (!role) {
    if (!problems.some((p) => p.code === 'conflicting-flags')) {
      problems.push({
        code: 'conflicting-flags',
        line: fence.line,
        column: fence.column,
        message: '셀 옵션이 있지만 실행 플래그가 없습니다. 실행할 셀이면 run(또는 verify, cleanup, background)을 붙이고, 아니면 옵션을 지우세요.',
      });
    }
    return { problems };
  }
  if (role !== 'verify' && (meta.keys.has('ok') || meta.keys.has('fail'))) {
    problems.push({
      code: 'conflicting-flags',
      line: fence.line,
      column: fence.column,
      message: 'ok=, fail= 메시지는 verify 셀에만 씁니다.',
    });
  }
  const options = runOptions(meta, fence, problems);
  return {
    cell: {
      ...common,
      ...options,
      kind: 'shell',
      role,
      okMessage: meta.keys.get('ok'),
      failMessage: meta.keys.get('fail'),
      tty: meta.flags.has('tty') || undefined,
    },
    problems,
  };
}

/** ```yaml verify: a verify cell of typed checks over live objects (src/core/checks.ts). */
function typedVerifyCell(common: CellCommon, meta: SortedMeta, fence: Fence, problems: FenceProblem[]): FenceResult {
  rejectFlags(meta, ['verify'], 'yaml verify 셀(타입 있는 확인)', fence, problems);
  rejectKeys(meta, ['id', 'timeout', 'namespace', 'needs', 'reason', 'ok', 'fail', 'scenario'], 'yaml verify 셀', fence, problems);
  const options = runOptions(meta, fence, problems);
  const parsed = parseTypedChecks(fence.value, common.sourceLine, options.namespace);
  for (const problem of parsed.problems) problems.push({ code: 'bad-value', line: problem.line, column: 1, message: problem.message });
  return {
    cell: { ...common, ...options, kind: 'shell', role: 'verify', okMessage: meta.keys.get('ok'), failMessage: meta.keys.get('fail'), checks: parsed.checks },
    problems,
  };
}

function yamlCell(common: CellCommon, meta: SortedMeta, fence: Fence, problems: FenceProblem[]): FenceResult {
  if (meta.flags.has('verify')) return typedVerifyCell(common, meta, fence, problems);
  const annotation = meta.flags.has('fragment') ? 'fragment' : meta.flags.has('not-k8s') ? 'not-k8s' : undefined;
  if (meta.flags.has('fragment') && meta.flags.has('not-k8s')) {
    problems.push({ code: 'conflicting-flags', line: fence.line, column: fence.column, message: 'fragment와 not-k8s 중 하나만 붙이세요.' });
  }
  if (annotation) {
    rejectFlags(meta, ['fragment', 'not-k8s'], `${annotation} 블록`, fence, problems);
    rejectKeys(meta, ['id'], `${annotation} 블록`, fence, problems);
    return { cell: { ...common, kind: annotation }, problems };
  }
  const mutant = meta.flags.has('mutant');
  if (mutant) {
    rejectFlags(meta, ['mutant'], 'mutant 매니페스트 셀(틀린 변형은 그냥 적용됩니다)', fence, problems);
    // expect-invalid: a mistake the API server itself refuses (the validator proves it, not the verify).
    rejectKeys(meta, [...MUTANT_KEYS, 'expect-invalid'], 'mutant 매니페스트 셀', fence, problems);
  } else {
    rejectFlags(meta, ['cleanup', 'fault', 'solution'], 'YAML 매니페스트 셀(그 자체로 적용 셀입니다)', fence, problems);
    rejectKeys(meta, ['id', 'timeout', 'namespace', 'ci', 'needs', 'reason', 'scenario', 'expect-invalid'], 'YAML 매니페스트 셀', fence, problems);
  }
  const expectInvalid = meta.keys.get('expect-invalid');
  if (expectInvalid !== undefined && !expectInvalid.trim()) {
    problems.push({
      code: 'bad-value',
      line: fence.line,
      column: fence.column,
      message: 'expect-invalid에는 API 서버 오류에 들어 있어야 할 문구를 쓰세요 (예: expect-invalid="Unsupported value").',
    });
  }
  const split = splitYamlDocuments(fence.value, common.sourceLine);
  problems.push(...split.problems);
  const documents: ManifestDocument[] = [];
  for (const doc of split.documents) {
    if (doc.value === undefined || doc.value === null) continue;
    const manifest = toManifestDocument(doc);
    if (manifest) {
      documents.push(manifest);
    } else {
      problems.push({
        code: 'yaml-not-k8s',
        line: doc.line,
        column: 1,
        message:
          'YAML 문서에 apiVersion과 kind가 없어 쿠버네티스 객체가 아닙니다. 완전한 객체로 만들거나, 설명용 일부라면 ```yaml fragment, 쿠버네티스 객체가 아닌 설정(kind 설정, Helm values 등)이면 ```yaml not-k8s, 일부러 틀린 예시라면 expect-invalid="오류 문구"를 붙이세요.',
      });
    }
  }
  if (documents.length === 0 && split.problems.length === 0 && !problems.some((p) => p.code === 'yaml-not-k8s')) {
    problems.push({
      code: 'yaml-not-k8s',
      line: fence.line,
      column: fence.column,
      message: '빈 YAML 블록입니다. 내용을 채우거나 블록을 지우세요.',
    });
  }
  const options = runOptions(meta, fence, problems);
  const manifest: ManifestCell = {
    ...common,
    ...options,
    kind: 'manifest',
    cleanup: meta.flags.has('cleanup'),
    documents,
    expectInvalid: expectInvalid?.trim() || undefined,
  };
  if (mutant) return mutantCell(manifest, meta, fence, problems);
  return { cell: manifest, problems };
}
