import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossary } from './glossary';

async function rootWith(yaml: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'glossary-'));
  await mkdir(path.join(root, 'style'));
  await writeFile(path.join(root, 'style/glossary.yaml'), yaml);
  return root;
}

describe('loadGlossary', () => {
  it('reads the course glossary: every term has rejected variants and a kubernetes.io reference', async () => {
    const rules = await loadGlossary(process.cwd());
    expect(rules.map((r) => r.preferred)).toEqual(expect.arrayContaining(['레이블', '오브젝트', '스태틱 파드', '어노테이션', '스냅샷', '로드밸런서', 'API 서버']));
    for (const rule of rules) expect(rule.reference).toMatch(/^https:\/\//);
  });

  it('refuses a malformed table instead of checking nothing', async () => {
    await expect(loadGlossary(await rootWith('terms:\n  - preferred: 레이블\n    rejected: []\n    reference: https://k8s.io\n'))).rejects.toThrow(/rejected/);
    await expect(loadGlossary(await rootWith('term: []\n'))).rejects.toThrow(/terms/);
    await expect(loadGlossary(await rootWith('terms:\n  - preferred: 레이블\n    rejected: [라벨]\n'))).rejects.toThrow(/reference/);
  });
});
