/**
 * Stands in for @docusaurus/core's client `prefetch` helper (swapped in by
 * src/plugins/prefetch-once.ts), which adds a `<link rel=prefetch>` for every chunk of every route
 * a visible link points to. Every doc route shares the docs layout's chunks (the plugin's data,
 * the sidebar, the version), which the page has already loaded, so on a lab page most of its 329
 * links were chunks the page already had, some of them added dozens of times; adding them was
 * about 500 ms of idle-time tasks with the CPU slowed 4x like Lighthouse's phone
 * (scripts/bench/profile.ts). Here a chunk is prefetched once, and not at all when the page has
 * already fetched it (Resource Timing lists what the page loaded). Same contract: resolves either way.
 */
const requested = new Set<string>();

function alreadyFetched(href: string): boolean {
  return requested.has(href) || performance.getEntriesByName(href, 'resource').length > 0;
}

function supportsPrefetch(): boolean {
  try {
    return document.createElement('link').relList.supports('prefetch');
  } catch {
    return false;
  }
}

export default function prefetch(url: string): Promise<void> {
  if (typeof document === 'undefined') return Promise.resolve();
  const href = new URL(url, document.baseURI).href;
  if (alreadyFetched(href)) return Promise.resolve();
  requested.add(href);
  return new Promise<void>((resolve) => {
    if (!supportsPrefetch()) {
      // The original falls back to an XHR; fetch with low priority does the same job.
      void fetch(href, { credentials: 'include', priority: 'low' } as RequestInit).then(() => resolve(), () => resolve());
      return;
    }
    const link = document.createElement('link');
    link.rel = 'prefetch';
    link.href = url;
    link.onload = () => resolve();
    link.onerror = () => resolve(); // a 404 is in the console anyway, as with the original
    document.head.appendChild(link);
  });
}
