import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBuildFile, serveBuild, type ServedBuild } from './serve-build';

const dir = mkdtempSync(path.join(tmpdir(), 'serve-build-'));
mkdirSync(path.join(dir, 'docs', 'day1'), { recursive: true });
mkdirSync(path.join(dir, 'assets', 'js'), { recursive: true });
writeFileSync(path.join(dir, 'index.html'), '<h1>home</h1>');
writeFileSync(path.join(dir, '404.html'), '<h1>없음</h1>');
writeFileSync(path.join(dir, 'docs', 'day1.html'), '<h1>day1</h1>');
writeFileSync(path.join(dir, 'docs', 'day1', 'lab.html'), '<h1>lab</h1>');
writeFileSync(path.join(dir, 'assets', 'js', 'main.0123abcd.js'), 'console.log("x");'.repeat(100));

describe('resolveBuildFile', () => {
  it('maps clean URLs the way a trailingSlash: false build is written', () => {
    expect(resolveBuildFile(dir, '/')).toBe(path.join(dir, 'index.html'));
    expect(resolveBuildFile(dir, '/docs/day1')).toBe(path.join(dir, 'docs', 'day1.html'));
    expect(resolveBuildFile(dir, '/docs/day1/lab?x=1#top')).toBe(path.join(dir, 'docs', 'day1', 'lab.html'));
    expect(resolveBuildFile(dir, '/docs/nope')).toBeUndefined();
  });

  it('never leaves the build folder', () => {
    expect(resolveBuildFile(dir, '/../../etc/passwd')).toBeUndefined();
    expect(resolveBuildFile(dir, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(resolveBuildFile(dir, '/%E0%A4%A')).toBeUndefined();
  });
});

describe('serveBuild', () => {
  let served: ServedBuild;
  beforeAll(async () => {
    served = await serveBuild({ dir });
  });
  afterAll(() => served.close());

  it('gzips text for clients that accept it and caches hashed assets for good', async () => {
    const res = await fetch(`${served.url}/assets/js/main.0123abcd.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
    // fetch decodes gzip itself; the body is the original file.
    expect(await res.text()).toContain('console.log');
    const page = await fetch(`${served.url}/docs/day1`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toBe('<h1>day1</h1>');
  });

  it('answers unknown paths with the site 404 page', async () => {
    const res = await fetch(`${served.url}/docs/missing`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('없음');
  });

  it('sends gzip bytes that really are gzip', async () => {
    const raw = await new Promise<Buffer>((resolve, reject) => {
      get(`${served.url}/docs/day1`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject);
    });
    expect(gunzipSync(raw).toString()).toBe('<h1>day1</h1>');
  });
});
