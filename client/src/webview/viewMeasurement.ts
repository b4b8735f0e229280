import type { ViewMeasurement } from '../../../server/src/protocol';

/**
 * What the user sees, measured as drawn: the size of the smallest text of the boxes in view (its
 * font size through the screen transform) and how many rows the toolbar takes. The host asks for
 * it (`measure`) to check that the first view reads, in a real VS Code.
 */
export function measureView(canvas: HTMLElement, toolbar: HTMLElement, scale: number): ViewMeasurement {
  const area = canvas.getBoundingClientRect();
  let smallest = Infinity;
  for (const text of canvas.querySelectorAll<SVGTextElement>('.node:not(.hidden) text')) {
    const box = text.getBoundingClientRect();
    if (box.width === 0 || box.right < area.left || box.left > area.right || box.bottom < area.top || box.top > area.bottom) continue;
    const matrix = text.getScreenCTM();
    if (matrix) smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b));
  }
  const controls = [...toolbar.children].filter((element): element is HTMLElement => element instanceof HTMLElement && element.offsetParent !== null && !element.classList.contains('spacer'));
  return {
    scale,
    smallestTextPx: Number.isFinite(smallest) ? Math.round(smallest * 100) / 100 : 0,
    width: area.width,
    height: area.height,
    toolbarRows: rowsOf(controls.map((element) => element.getBoundingClientRect())),
    toolbarOverflow: Math.max(0, toolbar.scrollWidth - toolbar.clientWidth),
  };
}

/** Boxes laid out in rows: a box that starts below the bottom of the row so far starts a new one. */
function rowsOf(boxes: DOMRect[]) {
  let rows = 0;
  let bottom = -Infinity;
  for (const box of [...boxes].sort((a, b) => a.top - b.top)) {
    if (box.top >= bottom) rows++;
    bottom = Math.max(bottom, box.bottom);
  }
  return rows;
}
