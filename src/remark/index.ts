import type { PluggableList } from 'unified';
import remarkHighlightCode from './highlight-code';
import rehypeLabelTaskLists from './label-task-lists';
import remarkPrerenderDiagrams from './prerender-diagrams';
import remarkRunnableCells from './runnable-cells';

/**
 * The course's remark plugins, in order, for docs and notebooks alike: cells first (they consume
 * their fences and attach expected output), then build-time highlighting of what is left, and
 * diagrams drawn at build time.
 */
export function courseRemarkPlugins(siteDir: string): PluggableList {
  return [[remarkRunnableCells, { siteDir }], remarkHighlightCode, [remarkPrerenderDiagrams, { siteDir }]];
}

/** The course's rehype plugins (after Markdown became HTML), for docs and notebooks alike. */
export function courseRehypePlugins(): PluggableList {
  return [rehypeLabelTaskLists];
}
