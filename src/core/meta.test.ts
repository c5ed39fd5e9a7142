import { describe, expect, it } from 'vitest';
import { tokenizeMeta } from './meta';

describe('tokenizeMeta', () => {
  it('reads flags, bare and quoted values, escapes and highlight ranges', () => {
    expect(tokenizeMeta('run id=a-1 ok="잘 됐어요" fail=\'no "way"\' {1,3-4} title="a \\"b\\""').tokens).toEqual([
      { name: 'run' },
      { name: 'id', value: 'a-1' },
      { name: 'ok', value: '잘 됐어요' },
      { name: 'fail', value: 'no "way"' },
      { name: '{1,3-4}' },
      { name: 'title', value: 'a "b"' },
    ]);
  });

  it('handles empty meta', () => {
    expect(tokenizeMeta(null)).toEqual({ tokens: [] });
    expect(tokenizeMeta('   ')).toEqual({ tokens: [] });
  });

  it('reports an unclosed quote instead of guessing', () => {
    expect(tokenizeMeta('ok="never closed').error).toContain('따옴표');
  });
});
