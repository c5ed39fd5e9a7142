/**
 * The search box's empty result under the dev server (see src/plugins/dev-search-notice.ts): the
 * plugin's template returns an HTML string, so this does too.
 */
export const DEV_SEARCH_NOTICE =
  '개발 서버(<code>npm start</code>)에는 검색 색인이 없어 검색 결과가 나오지 않습니다. ' +
  '검색하려면 <code>npm run build &amp;&amp; npm run serve</code>로 빌드한 사이트를 여세요.';

export function EmptyTemplate(): string {
  return `<span data-dev-search-notice style="display:block;padding:0.5rem 1rem;font-size:0.9rem">${DEV_SEARCH_NOTICE}</span>`;
}
