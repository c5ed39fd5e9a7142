import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { GlossaryRule, KindGloss } from '../core';

/** The one rule table of the course's vocabulary. */
export const GLOSSARY_FILE = 'style/glossary.yaml';

function fail(detail: string): never {
  throw new Error(`${GLOSSARY_FILE}: ${detail}. 파일 머리말의 형식(terms: - preferred/rejected/reference)을 따르세요.`);
}

/** Reads and checks the glossary; a malformed table is an error, never an empty rule set. */
export async function loadGlossary(root: string): Promise<GlossaryRule[]> {
  const data: unknown = parseYaml(await readFile(path.join(root, GLOSSARY_FILE), 'utf8'));
  const terms = (data as { terms?: unknown } | null)?.terms;
  if (!Array.isArray(terms)) fail('terms 목록이 없습니다');
  return terms.map((term: unknown, index) => {
    const t = term as Partial<Record<keyof GlossaryRule, unknown>>;
    const rejected = t.rejected;
    if (typeof t.preferred !== 'string' || !t.preferred) fail(`terms[${index}]에 preferred가 없습니다`);
    if (!Array.isArray(rejected) || rejected.length === 0 || !rejected.every((r) => typeof r === 'string' && r))
      fail(`terms[${index}](${t.preferred})의 rejected는 비어 있지 않은 문자열 목록이어야 합니다`);
    if (typeof t.reference !== 'string' || !/^https:\/\//.test(t.reference))
      fail(`terms[${index}](${t.preferred})에 근거 URL(reference)이 없습니다`);
    return { preferred: t.preferred, rejected: rejected as string[], reference: t.reference };
  });
}

/**
 * The `kinds` table: each Kind and its Korean form. Kinds kubernetes.io/ko leaves in English
 * (HorizontalPodAutoscaler(HPA), HTTPRoute) have no Korean form to gloss with and are left out.
 */
export async function loadKindGlosses(root: string): Promise<KindGloss[]> {
  const data: unknown = parseYaml(await readFile(path.join(root, GLOSSARY_FILE), 'utf8'));
  const kinds = (data as { kinds?: unknown } | null)?.kinds;
  if (typeof kinds !== 'object' || kinds === null || Array.isArray(kinds)) fail('kinds 표(Kind: 한국어)가 없습니다');
  return Object.entries(kinds as Record<string, unknown>).flatMap(([kind, korean]) => {
    if (typeof korean !== 'string' || !korean) fail(`kinds.${kind}에 한국어 표기가 없습니다`);
    return /^[가-힣 ]+$/.test(korean) ? [{ kind, korean }] : [];
  });
}
