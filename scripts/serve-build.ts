/**
 * A small static server for ./build, used by the browser tests and the bench.
 *
 * Not `docusaurus serve`: that one sends everything uncompressed, so Lighthouse would score the
 * transfer of a page no real host serves that way. This one gzips text like any static host
 * (GitHub Pages, Netlify, nginx with gzip on), maps clean URLs the way `trailingSlash: false`
 * builds expect, and can run in-process so a test knows the port without parsing logs.
 *
 * CLI: `tsx scripts/serve-build.ts [--port N] [--dir build]`.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|manifest\+json)|image\/svg\+xml)/;

export interface ServedBuild {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The file a request path maps to, or undefined; never a path outside `dir`. */
export function resolveBuildFile(dir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return undefined;
  }
  const clean = path.posix.normalize(`/${decoded}`);
  if (clean.includes('\0')) return undefined;
  const base = path.join(dir, clean);
  if (!base.startsWith(path.resolve(dir))) return undefined;
  // Docusaurus with trailingSlash: false writes /docs/day1 as docs/day1.html and / as index.html.
  for (const candidate of [base, `${base}.html`, path.join(base, 'index.html')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

export async function serveBuild(options: { dir?: string; port?: number; host?: string } = {}): Promise<ServedBuild> {
  const dir = path.resolve(options.dir ?? 'build');
  const host = options.host ?? '127.0.0.1';
  if (!existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir}/index.html이 없습니다. 먼저 npm run build를 실행하세요.`);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let file = resolveBuildFile(dir, req.url ?? '/');
    let status = 200;
    if (!file) {
      file = path.join(dir, '404.html');
      status = 404;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    // Hashed assets never change under the same name; pages must be revalidated.
    const immutable = /\/assets\/|\.[0-9a-f]{8}\.(js|css)$/.test(file);
    res.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : { 'Content-Length': String(statSync(file).size) }),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
  });
  server.keepAliveTimeout = 2_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const served = await serveBuild({ dir: flag('--dir'), port: Number(flag('--port') ?? 3000) });
  console.log(`build/를 ${served.url} 에서 제공합니다 (gzip). 끝내려면 Ctrl+C.`);
}
