/**
 * Stands in for mark.js where the search plugin imports it (swapped in by src/plugins/lazy-mark.ts).
 * The plugin's search bar calls `new Mark(article).unmark()` after every route change, to clear the
 * highlight of an earlier search, and mark.js does that by walking every element of the article
 * (a lab page has 4,000-6,000: about 66 ms with the CPU slowed 4x like Lighthouse's phone). Here
 * `unmark` first asks the browser's own selector engine whether there is any highlight at all, and
 * mark.js itself is loaded only when there is something to mark or to clear, so it is not in the
 * start-up bundle either. Same API surface the plugin uses (`mark`, `unmark`), same order of calls.
 */
type MarkOptions = Record<string, unknown> & { done?: (count: number) => void };
interface MarkJs {
  mark(keywords: string | string[], options?: MarkOptions): void;
  unmark(options?: MarkOptions): void;
}
type MarkJsConstructor = new (context: Element) => MarkJs;

/** What mark.js puts on every element it adds, whatever its element and class options. */
const HIGHLIGHT_SELECTOR = '[data-markjs]';

let markJs: Promise<MarkJsConstructor> | undefined;
// A different file of the same package than the one the plugin replaces, so it is not swapped too.
const loadMarkJs = (): Promise<MarkJsConstructor> =>
  (markJs ??= import('mark.js/dist/mark.es6.js').then((module: { default: MarkJsConstructor }) => module.default));

export default class LazyMark {
  constructor(private readonly context: Element) {}

  mark(keywords: string | string[], options?: MarkOptions): this {
    // Promise callbacks run in the order they were added, so an earlier unmark still runs first.
    void loadMarkJs().then((MarkJs) => new MarkJs(this.context).mark(keywords, options));
    return this;
  }

  unmark(options?: MarkOptions): this {
    if (this.context.querySelector(HIGHLIGHT_SELECTOR) === null && markJs === undefined) {
      options?.done?.(0);
      return this;
    }
    void loadMarkJs().then((MarkJs) => new MarkJs(this.context).unmark(options));
    return this;
  }
}
