import { themes } from 'prism-react-renderer';
import { describe, expect, it } from 'vitest';
import { highlightToHtml, prismThemeCss, prismWithCourseLanguages } from '.';

const prism = prismWithCourseLanguages();

describe('highlightToHtml', () => {
  it('marks tokens with the class names prism-react-renderer gives and leaves plain text bare', () => {
    const html = highlightToHtml(prism, 'kubectl get pods -n demo # 확인\n', 'bash');
    expect(html).toBe('kubectl get pods <span class="token parameter variable">-n</span> demo <span class="token comment"># 확인</span>');
  });

  it('escapes markup in code and in tokens', () => {
    expect(highlightToHtml(prism, 'echo "<b>&"', 'bash')).toBe('<span class="token builtin class-name">echo</span> <span class="token string">"&lt;b&gt;&amp;"</span>');
    expect(highlightToHtml(prism, '<x> & y', 'text')).toBe('&lt;x&gt; &amp; y');
  });

  it('knows the grammars the site config adds (yaml, and yml as its alias)', () => {
    const yaml = highlightToHtml(prism, 'kind: Pod', 'yml');
    expect(yaml).toContain('<span class="token key atrule">kind</span>');
  });

  it('keeps empty lines, so line count and copy text match the source', () => {
    const html = highlightToHtml(prism, 'a: 1\n\nb: 2', 'yaml');
    expect(html.split('\n')).toHaveLength(3);
    expect(html.replace(/<[^>]+>/g, '')).toBe('a: 1\n\nb: 2');
  });
});

describe('prismThemeCss', () => {
  const css = prismThemeCss({ light: themes.vsLight, dark: themes.oceanicNext }, '.course-code');

  it('scopes each theme to its colour mode', () => {
    expect(css).toContain("[data-theme='light'] .course-code{--prism-color:#000000;--prism-background-color:#ffffff}");
    expect(css).toContain("[data-theme='dark'] .course-code .token.keyword{color:#c5a5c5}");
    expect(css).toContain("[data-theme='light'] .course-code .token.comment{color:rgb(0, 128, 0)}");
  });

  it('writes style keys as CSS properties', () => {
    expect(css).toContain("[data-theme='dark'] .course-code .token.italic{font-style:italic}");
  });

  it('lets a later theme entry win for a token of several types, as prism-react-renderer does', () => {
    // `echo` is builtin + class-name; vsLight colours class-name after builtin.
    const builtin = css.indexOf("[data-theme='light'] .course-code .token.builtin{");
    const className = css.indexOf("[data-theme='light'] .course-code .token.class-name{");
    expect(builtin).toBeGreaterThan(-1);
    expect(className).toBeGreaterThan(builtin);
  });
});
