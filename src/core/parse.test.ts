import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findDuplicateIdsAcrossFiles, parseCellsFromMarkdown, type Cell, type ManifestCell, type ShellCell } from '.';

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('parseCellsFromMarkdown: every cell kind', () => {
  const parsed = parseCellsFromMarkdown(fixture('every-cell.mdx'), 'fixtures/every-cell.mdx');
  const byId = new Map<string, Cell>(parsed.cells.map((c) => [c.id, c]));
  const shell = (id: string): ShellCell => byId.get(id) as ShellCell;

  it('reports no problems for a correct file and reads its front matter', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.frontMatter).toEqual({ title: '모든 셀 종류', namespace: 'fixture-ns' });
  });

  it('leaves static blocks and mermaid alone', () => {
    expect(parsed.cells.some((c) => c.source === 'echo static')).toBe(false);
    expect(parsed.cells.some((c) => c.lang === 'mermaid')).toBe(false);
  });

  it('reads shell roles, options and positions', () => {
    expect(shell('fx-hello')).toMatchObject({ kind: 'shell', role: 'run', timeoutSeconds: 30, line: 14, sourceLine: 15, source: 'echo "안녕"' });
    expect(shell('fx-check')).toMatchObject({ role: 'verify', okMessage: '통과', failMessage: '실패: "다시" 하세요' });
    expect(shell('fx-clean').role).toBe('cleanup');
    expect(shell('fx-watch')).toMatchObject({ role: 'background', needs: ['containers'], needsReason: '실제 노드가 필요함' });
    expect(shell('fx-nested')).toMatchObject({ role: 'run', line: 83 });
  });

  it('hashes the exact source with SHA-256', () => {
    const expected = createHash('sha256').update('echo "안녕"', 'utf8').digest('hex');
    expect(shell('fx-hello').hash).toBe(expected);
  });

  it('derives a stable id from the file and the ordinal when none is given', () => {
    const derived = parsed.cells.find((c) => c.source === 'echo derived id');
    expect(derived).toMatchObject({ id: 'fixtures-every-cell-12', explicitId: false });
  });

  it('splits multi-document manifests with the line of each document', () => {
    const manifest = byId.get('fx-deploy') as ManifestCell;
    expect(manifest.kind).toBe('manifest');
    expect(manifest.namespace).toBe('fixture-ns');
    expect(manifest.documents.map((d) => [d.kind, d.name, d.line])).toEqual([
      ['ConfigMap', 'one', 35],
      ['Secret', 'two', 40],
    ]);
  });

  it('classifies annotated YAML and expect-invalid manifests', () => {
    const kinds = parsed.cells.filter((c) => c.lang === 'yaml').map((c) => c.kind);
    expect(kinds).toEqual(['manifest', 'fragment', 'not-k8s', 'manifest', 'manifest']);
    const invalid = parsed.cells.find((c) => c.kind === 'manifest' && c.expectInvalid) as ManifestCell;
    expect(invalid.expectInvalid).toBe('must be no more than 63 characters');
    expect(parsed.cells.find((c) => c.kind === 'not-k8s')?.displayMeta).toBe('title="kind-config.yaml"');
  });

  it('groups challenge cells by scenario', () => {
    expect(byId.get('fx-fault')).toMatchObject({ kind: 'manifest', challengePart: 'fault', scenario: 's1' });
    expect(shell('fx-fix')).toMatchObject({ role: 'run', challengePart: 'solution', scenario: 's1' });
  });

  it('links expected output to its cell', () => {
    expect(parsed.cells.find((c) => c.kind === 'output')).toMatchObject({ of: 'fx-hello', source: '안녕' });
  });
});

describe('parseCellsFromMarkdown: author mistakes', () => {
  const parsed = parseCellsFromMarkdown(fixture('mistakes.md'), 'fixtures/mistakes.md');
  const at = (line: number) => parsed.problems.filter((p) => p.line === line).map((p) => p.code);

  it('finds every mistake at its file:line', () => {
    expect(at(3)).toContain('unknown-flag');
    expect(at(7)).toEqual(['not-runnable-language']);
    expect(at(12)).toEqual(['yaml-not-k8s']);
    expect(at(19)).toEqual(['duplicate-id']);
    expect(at(23)).toEqual(['bad-value']);
    expect(at(27)).toEqual(['invalid-id']);
    expect(at(36)).toEqual(['yaml-syntax']);
    expect(at(39)).toEqual(['output-of-unknown']);
    expect(at(43)).toEqual(['conflicting-flags']);
    expect(at(47)).toEqual(['bad-value']);
    expect(at(51)).toEqual(['conflicting-flags']);
    expect(parsed.problems.every((p) => p.file === 'fixtures/mistakes.md')).toBe(true);
  });

  it('explains mistakes in Korean and says what to do', () => {
    const typo = parsed.problems.find((p) => p.line === 3)!;
    expect(typo.message).toContain('verfy');
    expect(typo.message).toContain('오타');
    const plain = parsed.problems.find((p) => p.code === 'yaml-not-k8s')!;
    expect(plain.message).toMatch(/fragment.*not-k8s.*expect-invalid/s);
    const dupKey = parsed.problems.find((p) => p.code === 'yaml-syntax')!;
    expect(dupKey.message).toContain('같은 키');
  });

  it('reports MDX syntax errors with their line instead of throwing', () => {
    const broken = parseCellsFromMarkdown('# 제목\n\n본문에 <잘못된 태그 가 있습니다.\n', 'fixtures/broken.mdx');
    expect(broken.cells).toEqual([]);
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0]).toMatchObject({ code: 'mdx-syntax', file: 'fixtures/broken.mdx', line: 3 });
  });

  it('catches tabs used for YAML indentation', () => {
    const tabbed = parseCellsFromMarkdown('```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n```\n', 't.md');
    expect(tabbed.problems.map((p) => [p.code, p.line])).toEqual([['yaml-syntax', 5]]);
  });
});

describe('findDuplicateIdsAcrossFiles', () => {
  it('reports an id used in two files, naming the first', () => {
    const a = parseCellsFromMarkdown('```bash run id=same\ntrue\n```\n', 'a.md');
    const b = parseCellsFromMarkdown('\n```bash run id=same\ntrue\n```\n', 'b.md');
    const problems = findDuplicateIdsAcrossFiles([a, b]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'b.md', line: 2, code: 'duplicate-id' });
    expect(problems[0]!.message).toContain('a.md:1');
  });
});
