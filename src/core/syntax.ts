/** The cell syntax of DESIGN.md: which words a fence may carry and what they mean. */

export const SHELL_LANGUAGES = ['bash', 'sh', 'shell'] as const;
export const YAML_LANGUAGES = ['yaml', 'yml'] as const;
export const OUTPUT_LANGUAGES = ['text', 'console', 'plaintext'] as const;

/** Flags that make a shell block runnable, and the role each gives it. */
export const SHELL_ROLE_FLAGS = ['run', 'verify', 'cleanup', 'background'] as const;
export const CHALLENGE_FLAGS = ['fault', 'solution'] as const;
export const YAML_ANNOTATION_FLAGS = ['fragment', 'not-k8s'] as const;
/** A deliberately wrong variant of a lab step, proven to make its verify cell fail (`mutant of=VERIFY_ID`). */
export const MUTANT_FLAGS = ['mutant'] as const;

/** A shell cell that needs a terminal (`kubectl get -w`, colours): run in a pseudo-terminal. */
export const TTY_FLAGS = ['tty'] as const;

export const CELL_FLAGS = [...SHELL_ROLE_FLAGS, ...CHALLENGE_FLAGS, ...YAML_ANNOTATION_FLAGS, ...MUTANT_FLAGS, ...TTY_FLAGS] as const;
export const CELL_KEYS = [
  'id',
  'timeout',
  'namespace',
  'needs',
  'reason',
  /** Retired: kept known so its error can say to use needs= instead. */
  'ci',
  'ok',
  'fail',
  'scenario',
  'expect-invalid',
  'output-of',
  'compare',
  'retry',
  'of',
  'restore',
  'undo',
] as const;

/** Docusaurus's own code block meta; passed through untouched. */
export const DISPLAY_FLAGS = ['showLineNumbers', 'live', 'noInline'] as const;
export const DISPLAY_KEYS = ['title', 'showLineNumbers'] as const;

export const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;
/** RFC 1123 label, what Kubernetes accepts as a namespace name. */
export const NAMESPACE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const MAX_TIMEOUT_SECONDS = 3600;

const includes = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

export const isShellLanguage = (lang: string): boolean => includes(SHELL_LANGUAGES, lang);
export const isYamlLanguage = (lang: string): boolean => includes(YAML_LANGUAGES, lang);
export const isOutputLanguage = (lang: string): boolean => includes(OUTPUT_LANGUAGES, lang);
export const isCellFlag = (name: string): boolean => includes(CELL_FLAGS, name);
export const isCellKey = (name: string): boolean => includes(CELL_KEYS, name);
export const isDisplayFlag = (name: string): boolean => includes(DISPLAY_FLAGS, name) || name.startsWith('{');
export const isDisplayKey = (name: string): boolean => includes(DISPLAY_KEYS, name);

export const KNOWN_WORDS_HINT = `플래그: ${CELL_FLAGS.join(', ')} / 키: ${CELL_KEYS.filter((k) => k !== 'ci').map((k) => `${k}=`).join(', ')}`;
