/**
 * Stands in for @docusaurus/theme-classic's `prism-include-languages` client module, which imports
 * Prism and registers grammars on every page load. src/theme/CodeBlock does that on first use
 * instead. Swapped in by src/plugins/lazy-prism.ts.
 */
export {};
