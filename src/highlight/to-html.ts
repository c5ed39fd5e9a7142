import { normalizeTokens } from 'prism-react-renderer';
import { grammarName } from './languages';
import type { PrismLike } from './prism-node';

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Highlights code into the inner HTML of a `<code>` element: `<span class="token …">` for every
 * coloured token (the same class names prism-react-renderer gives), plain text as text, lines
 * separated by newlines. Colours come from CSS (see theme-css.ts), so the markup is the same in
 * light and dark mode and the browser never has to re-highlight it.
 */
export function highlightToHtml(prism: PrismLike, code: string, language: string | undefined): string {
  const name = grammarName(language);
  const grammar = prism.languages[name];
  // A trailing newline would render as an empty last line.
  const text = code.replace(/\n$/, '');
  if (!grammar) return escapeHtml(text);
  const env = { code: text, grammar, language: name, tokens: [] as ReturnType<PrismLike['tokenize']> };
  prism.hooks.run('before-tokenize', env);
  env.tokens = prism.tokenize(text, grammar);
  prism.hooks.run('after-tokenize', env);
  return normalizeTokens(env.tokens)
    .map((line) =>
      line
        .map(({ types, content, empty }) => {
          if (empty) return '';
          const isPlain = types.length === 1 && types[0] === 'plain';
          return isPlain ? escapeHtml(content) : `<span class="token ${types.join(' ')}">${escapeHtml(content)}</span>`;
        })
        .join(''),
    )
    .join('\n');
}
