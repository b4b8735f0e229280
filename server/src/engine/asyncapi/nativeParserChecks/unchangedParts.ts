/**
 * `next` with every part that is deeply equal to the same place of `previous` replaced by that
 * part of `previous`; `previous` itself when the two are equal. The checks' memo (copies of
 * entries, entries valid last time) recognises an unchanged entry by identity: a value that
 * crossed to the worker is a fresh copy, so this gives it back the identities of the last run.
 *
 * `next` is owned by the caller and changed in place. Key order counts (it orders the findings).
 * Each object of `next` is visited once, however often it is shared (YAML aliases), and nothing
 * deeper than `MAX_DEPTH` is compared: that part is simply not reused.
 */
export function reuseUnchangedParts(previous: unknown, next: unknown): unknown {
  return reuse(previous, next, 0, new Map());
}

const MAX_DEPTH = 256;

function reuse(previous: unknown, next: unknown, depth: number, visited: Map<object, unknown>): unknown {
  if (previous === next || !isComposite(previous) || !isComposite(next) || Array.isArray(previous) !== Array.isArray(next) || depth > MAX_DEPTH) return next;
  if (visited.has(next)) return visited.get(next);
  // A shared object met again while it is being compared gets itself: it cannot be equal to its own ancestor's place.
  visited.set(next, next);
  let same = true;
  if (Array.isArray(next)) {
    const before = previous as unknown[];
    if (before.length !== next.length) same = false;
    for (let index = 0; index < next.length; index++) {
      const part = index < before.length ? reuse(before[index], next[index], depth + 1, visited) : next[index];
      next[index] = part;
      if (index >= before.length || part !== before[index]) same = false;
    }
  } else {
    const before = previous as Record<string, unknown>;
    const after = next as Record<string, unknown>;
    const beforeKeys = Object.keys(before);
    const afterKeys = Object.keys(after);
    if (beforeKeys.length !== afterKeys.length) same = false;
    for (let index = 0; index < afterKeys.length; index++) {
      const key = afterKeys[index]!;
      if (beforeKeys[index] !== key) same = false;
      if (!Object.prototype.hasOwnProperty.call(before, key)) {
        same = false;
        continue;
      }
      const part = reuse(before[key], after[key], depth + 1, visited);
      if (part !== after[key]) setOwn(after, key, part);
      if (part !== before[key]) same = false;
    }
  }
  const result = same ? previous : next;
  visited.set(next, result);
  return result;
}

function isComposite(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/** Assignment would set the prototype for a key named `__proto__`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
