import type { Point } from './graphModel';

/**
 * Drawing helpers shared by the CLI's SVG exporter and the webview, so that both draw the same
 * lines from the same layout. Pure functions of numbers: no DOM, no host.
 */

/** An orthogonal route as an SVG path with rounded corners. */
export function edgePath(points: readonly Point[], radius = 6): string {
  if (points.length === 0) return '';
  const first = points[0]!;
  let path = `M${num(first.x)} ${num(first.y)}`;
  for (let index = 1; index < points.length; index++) {
    const point = points[index]!;
    const next = points[index + 1];
    if (!next) {
      path += ` L${num(point.x)} ${num(point.y)}`;
      break;
    }
    const previous = points[index - 1]!;
    const inLength = Math.hypot(point.x - previous.x, point.y - previous.y);
    const outLength = Math.hypot(next.x - point.x, next.y - point.y);
    const r = Math.min(radius, inLength / 2, outLength / 2);
    if (r < 0.5) {
      path += ` L${num(point.x)} ${num(point.y)}`;
      continue;
    }
    const before = { x: point.x - ((point.x - previous.x) / inLength) * r, y: point.y - ((point.y - previous.y) / inLength) * r };
    const after = { x: point.x + ((next.x - point.x) / outLength) * r, y: point.y + ((next.y - point.y) / outLength) * r };
    path += ` L${num(before.x)} ${num(before.y)} Q${num(point.x)} ${num(point.y)} ${num(after.x)} ${num(after.y)}`;
  }
  return path;
}

/** The bounding box of points, for fitting an edge or a selection into the viewport. */
export function boundsOf(boxes: readonly { x: number; y: number; width: number; height: number }[]) {
  if (boxes.length === 0) return undefined;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const box of boxes) {
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y);
    maxX = Math.max(maxX, box.x + box.width);
    maxY = Math.max(maxY, box.y + box.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

function num(value: number) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
