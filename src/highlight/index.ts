export { ADDITIONAL_PRISM_LANGUAGES, grammarName } from './languages';
export { prismWithCourseLanguages, type PrismLike } from './prism-node';
export { highlightToHtml } from './to-html';
export { prismThemeCss, type CodeThemes } from './theme-css';
