/**
 * Runs in the page: every label of every visible diagram must lie inside its box. Mermaid sizes a
 * box from the label as measured when the SVG was drawn; if the fonts then differed from the
 * reader's (no Korean font on the build machine), the text spills over or is cut.
 * Kept as source text because it must reach the browser unchanged by the TypeScript toolchain.
 */
export const FIND_UNFITTED_LABELS = `(() => {
  const slack = 1.5;
  const outside = (inner, outer) =>
    inner.left < outer.left - slack || inner.right > outer.right + slack ||
    inner.top < outer.top - slack || inner.bottom > outer.bottom + slack;
  const problems = [];
  const diagrams = [...document.querySelectorAll('[data-diagram] svg, svg[id^="mermaid-"]')];
  for (const svg of new Set(diagrams)) {
    if (svg.getClientRects().length === 0) continue; // the other colour mode's copy
    const where = svg.id || 'svg';
    for (const box of svg.querySelectorAll('foreignObject')) {
      const label = box.firstElementChild;
      const text = (box.textContent || '').trim();
      if (!label || !text) continue;
      const range = document.createRange();
      range.selectNodeContents(label);
      const content = range.getBoundingClientRect();
      const frame = box.getBoundingClientRect();
      if (content.width > 0 && outside(content, frame)) {
        problems.push(where + ': "' + text.slice(0, 40) + '" is ' + Math.round(content.width) + 'x' + Math.round(content.height) +
          ' in a box of ' + Math.round(frame.width) + 'x' + Math.round(frame.height));
      }
    }
    for (const text of svg.querySelectorAll('text')) {
      const shape = text.parentElement && text.parentElement.querySelector(':scope > rect');
      const value = (text.textContent || '').trim();
      if (!shape || !value) continue;
      const frame = shape.getBoundingClientRect();
      const content = text.getBoundingClientRect();
      if (frame.width > 0 && (content.left < frame.left - slack || content.right > frame.right + slack)) {
        problems.push(where + ': "' + value.slice(0, 40) + '" is ' + Math.round(content.width) + ' wide in a box of ' + Math.round(frame.width));
      }
    }
  }
  return problems;
})()`;
