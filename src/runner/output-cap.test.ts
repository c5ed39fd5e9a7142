import { describe, expect, it } from 'vitest';
import { OutputCollector, truncationMarker } from './output-cap';
import type { OutputChunk } from './types';

describe('OutputCollector', () => {
  it('keeps stdout and stderr in arrival order and streams them', () => {
    const seen: OutputChunk[] = [];
    const out = new OutputCollector(100, (c) => seen.push(c));
    out.push('stdout', Buffer.from('a\n'));
    out.push('stderr', Buffer.from('b\n'));
    out.push('stdout', Buffer.from('c\n'));
    expect(out.text).toBe('a\nb\nc\n');
    expect(seen.map((c) => c.stream)).toEqual(['stdout', 'stderr', 'stdout']);
    expect(out.truncated).toBe(false);
  });

  it('stops at the cap across both streams and adds the marker exactly once', () => {
    const seen: OutputChunk[] = [];
    const out = new OutputCollector(10, (c) => seen.push(c));
    out.push('stdout', Buffer.from('12345678'));
    out.push('stderr', Buffer.from('abcdef'));
    out.push('stdout', Buffer.from('more'));
    out.push('stdout', Buffer.from('and more'));
    expect(out.truncated).toBe(true);
    expect(out.text).toBe(`12345678ab${truncationMarker(10)}`);
    expect(seen.filter((c) => c.stream === 'notice')).toHaveLength(1);
  });

  it('does not split a multi-byte character across chunks', () => {
    const out = new OutputCollector(1000);
    const bytes = Buffer.from('안녕');
    out.push('stdout', bytes.subarray(0, 2));
    out.push('stdout', bytes.subarray(2));
    expect(out.text).toBe('안녕');
  });

  it('never emits half a character at the cap', () => {
    const out = new OutputCollector(4);
    out.push('stdout', Buffer.from('안녕'));
    expect(out.text.startsWith('안')).toBe(true);
    expect(out.text).not.toContain('\uFFFD');
  });

  it('says the size in the marker in Korean', () => {
    expect(truncationMarker(1024 * 1024)).toContain('1 MiB');
    expect(truncationMarker(1024 * 1024)).toContain('생략');
  });
});
