import type { ManifestCell } from '../core';
import type { ObjectItem } from './collect';
import { lineOfField } from './lines';
import type { ResultLocation, ValidationMode, ValidationResult } from './types';
import type { Verdict } from './verdict';

function identity(item: ObjectItem): Pick<ValidationResult, 'file' | 'apiVersion' | 'kind' | 'name' | 'namespace' | 'cellId'> {
  const doc = item.document;
  return { file: item.file, apiVersion: doc.apiVersion, kind: doc.kind, name: doc.name ?? '', namespace: doc.namespace, cellId: item.cellId };
}

/** Problems top to bottom: the server lists them in no fixed order (Go map iteration). */
function locate(verdict: Verdict): ResultLocation[] {
  return verdict.problems
    .map((problem) => ({ line: lineOfField(verdict.item, problem.field), field: problem.field, message: problem.message }))
    .sort((a, b) => a.line - b.line);
}

function plain(verdict: Verdict): ValidationResult {
  const base = identity(verdict.item);
  if (verdict.outcome === 'accepted') {
    const warned = verdict.warnings.length > 0;
    return {
      ...base,
      line: verdict.item.document.line,
      status: warned ? 'warning' : 'valid',
      messages: verdict.warnings.map((w) => `경고: ${w}`),
      locations: verdict.warnings.map((w) => ({ line: verdict.item.document.line, message: `경고: ${w}` })),
    };
  }
  const locations = locate(verdict);
  return {
    ...base,
    line: locations[0]?.line ?? verdict.item.document.line,
    status: verdict.outcome === 'rejected' ? 'invalid' : 'error',
    messages: locations.map((l) => l.message),
    locations,
  };
}

const contains = (text: string, expected: string): boolean => text.toLowerCase().includes(expected.toLowerCase());

/**
 * expect-invalid, per cell: an object rejected with the expected text is the point of
 * the example (annotated); rejected for another reason, or every object accepted,
 * means the example no longer shows what the page says. Other objects of a matched
 * cell (a Namespace the broken object needs) are judged as usual.
 * Offline mode cannot see the server's wording, admission or CEL, so it only notes.
 */
function expected(verdicts: Verdict[], yamlProblems: ValidationResult[], cell: ManifestCell, mode: ValidationMode): ValidationResult[] {
  const text = cell.expectInvalid!;
  const tag = `expect-invalid="${text}"`;
  if (mode === 'offline') {
    return verdicts.map((verdict) => ({
      ...plain(verdict),
      status: verdict.outcome === 'error' ? 'error' : 'annotated',
      annotation: 'expect-invalid',
      messages: [
        verdict.outcome === 'rejected'
          ? `일부러 틀린 예시(${tag})이고 스키마 검사에서도 거부됩니다. 오류 문구는 클러스터 모드에서 확인합니다.`
          : `일부러 틀린 예시(${tag})입니다. 이 오류는 클러스터 모드(서버 검증, 어드미션, CEL)에서만 확인할 수 있습니다.`,
      ],
    }));
  }
  const matchedVerdicts = verdicts.filter((v) => v.outcome === 'rejected' && contains(v.text, text));
  const matchedYaml = yamlProblems.filter((r) => r.messages.some((m) => contains(m, text)));
  const cellMatched = matchedVerdicts.length + matchedYaml.length > 0;
  const results: ValidationResult[] = yamlProblems.map((r) =>
    matchedYaml.includes(r)
      ? { ...r, status: 'annotated', messages: [`예상대로 거부됩니다 (${tag}): ${r.messages.join(' ')}`] }
      : { ...r, messages: [`${tag}를 기대했지만 YAML 문법 오류가 먼저 납니다: ${r.messages.join(' ')}`] },
  );
  for (const verdict of verdicts) {
    const result = plain(verdict);
    if (verdict.outcome === 'error') {
      results.push(result);
    } else if (matchedVerdicts.includes(verdict)) {
      results.push({ ...result, status: 'annotated', annotation: 'expect-invalid', messages: [`예상대로 거부됩니다 (${tag}): ${result.messages.join(' ')}`] });
    } else if (verdict.outcome === 'rejected') {
      const message = `${tag}를 기대했지만 다른 이유로 거부됩니다: ${result.messages.join(' ')} 기대 문구를 고치거나, 예시에 의도하지 않은 실수가 있는지 확인하세요.`;
      results.push({ ...result, annotation: 'expect-invalid', messages: [message], locations: result.locations.map((l) => ({ ...l, message: `${tag}와 다른 거부: ${l.message}` })) });
    } else if (cellMatched) {
      results.push(result);
    } else {
      const line = verdict.item.document.line;
      const message = `일부러 틀린 예시(${tag})인데 API 서버가 이 객체를 받아들였습니다. 예시가 더는 틀리지 않습니다: 쿠버네티스 버전이 바뀌었거나 틀린 곳이 사라졌는지 확인하세요.`;
      results.push({ ...result, status: 'invalid', annotation: 'expect-invalid', line, messages: [message], locations: [{ line, message }] });
    }
  }
  return results;
}

/** Verdicts and check-free results into the final results, in file and line order. */
export function judge(
  verdicts: readonly Verdict[],
  immediate: readonly ValidationResult[],
  expectCells: ReadonlyMap<string, ManifestCell>,
  mode: ValidationMode,
): ValidationResult[] {
  const results: ValidationResult[] = immediate.filter((r) => !(r.cellId && expectCells.has(r.cellId)));
  const byCell = new Map<string, Verdict[]>();
  for (const verdict of verdicts) {
    if (!verdict.item.expectInvalid) {
      results.push(plain(verdict));
      continue;
    }
    const list = byCell.get(verdict.item.cellId) ?? [];
    list.push(verdict);
    byCell.set(verdict.item.cellId, list);
  }
  for (const [id, cell] of expectCells) {
    const yamlProblems = immediate.filter((r) => r.cellId === id);
    results.push(...expected(byCell.get(id) ?? [], yamlProblems, cell, mode));
  }
  return results.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
