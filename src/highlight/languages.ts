/**
 * Prism grammars beyond those bundled in prism-react-renderer. The site config (for code the
 * reader edits in the browser) and the build-time highlighter read this one list, so a block
 * can't be coloured at build time and plain after an edit, or the other way round.
 */
export const ADDITIONAL_PRISM_LANGUAGES = ['bash', 'yaml', 'json', 'go', 'docker', 'ini'] as const;

/** Fence languages that are spelled differently from their Prism grammar. */
const ALIASES: Record<string, string> = { yml: 'yaml', sh: 'bash', shell: 'bash', console: 'bash', js: 'javascript', dockerfile: 'docker' };

export function grammarName(language: string | undefined): string {
  const lower = (language ?? '').toLowerCase();
  return ALIASES[lower] ?? lower;
}
