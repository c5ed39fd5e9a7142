/** The class the build-time colour rules (src/plugins/code-theme-css) are scoped to. */
export const CODE_SCOPE_CLASS = 'course-code';
