/** The file of mark.js that src/client/lazy-mark.ts loads (the package ships no types). */
declare module 'mark.js/dist/mark.es6.js' {
  const Mark: new (context: Element) => {
    mark(keywords: string | string[], options?: Record<string, unknown>): void;
    unmark(options?: Record<string, unknown>): void;
  };
  export default Mark;
}
