/** Arrow-key movement between the drawn boxes: the nearest one in the pressed direction. */

export interface NavigationTarget {
  element: SVGGElement;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

export function directionOfKey(key: string): Direction | undefined {
  switch (key) {
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    default:
      return undefined;
  }
}

/**
 * The target whose centre lies in the direction's 90° cone from the current centre, nearest
 * first, with sideways distance weighing double: moving right from a channel lands on the
 * consumer beside it, not on a box far below.
 */
export function nearestInDirection(current: NavigationTarget, candidates: readonly NavigationTarget[], direction: Direction): NavigationTarget | undefined {
  const cx = current.x + current.width / 2;
  const cy = current.y + current.height / 2;
  let best: NavigationTarget | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    if (candidate.element === current.element) continue;
    const dx = candidate.x + candidate.width / 2 - cx;
    const dy = candidate.y + candidate.height / 2 - cy;
    const along = direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0 || across > along * 1.5 + 40) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}
