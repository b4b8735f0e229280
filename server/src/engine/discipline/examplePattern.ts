import { linearPattern } from '../schemas/linearPattern';

/**
 * A string that matches a JSON Schema `pattern` (an ECMA-262 regular expression), for the
 * example generator of `message-examples`: literals, escapes, character classes (negated too),
 * groups, alternation and quantifiers. Unicode property escapes other than letters and digits
 * are not generated, nor patterns RE2 cannot run (back-references, lookarounds); every sample is
 * checked with the pattern itself, so a pattern this cannot satisfy yields `undefined`, and the
 * search is bounded in length and steps.
 */

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'set'; samples: string[] }
  | { kind: 'group'; alternatives: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number; id: number }
  | { kind: 'empty' };

class Unsupported extends Error {}

export interface PatternSampleOptions {
  minLength?: number;
  maxLength?: number;
}

/** A short string that `pattern` matches (and that satisfies the lengths), or undefined. */
export function samplePattern(pattern: string, options: PatternSampleOptions = {}): string | undefined {
  // Every sample is checked in linear time; a pattern RE2 cannot run could not be checked, and
  // its quantifiers are not bounded by RE2's limit of 1000, so nothing is generated for it.
  const regex = linearPattern(pattern);
  if (regex.kind !== 'linear') return undefined;
  let tree: Node[][];
  try {
    tree = new Parser(pattern).parse();
  } catch {
    return undefined;
  }
  const fits = (text: string) => text.length >= (options.minLength ?? 0) && text.length <= (options.maxLength ?? Number.POSITIVE_INFINITY);
  const quantifiers = countRepeats(tree);
  // Quantifiers first repeat once (`*`, `+`) or their minimum; then all at their minimum (for a
  // `maxLength`); then, to reach a `minLength`, all a little more, then one at a time.
  const plans: Plan[] = [{ minimal: false, all: 0 }, { minimal: true, all: 0 }];
  for (let all = 1; all <= 64; all++) plans.push({ minimal: false, all });
  for (let id = 0; id < quantifiers; id++) for (let boost = 1; boost <= 64; boost++) plans.push({ minimal: true, all: 0, boost: { id, extra: boost } });
  const budget = { steps: MAX_STEPS };
  try {
    for (const plan of plans) {
      for (const alternative of tree.keys()) {
        const text = render({ kind: 'group', alternatives: tree }, plan, budget, alternative);
        if (text !== undefined && regex.test(text) && fits(text)) return text;
      }
    }
  } catch (error) {
    if (error instanceof OutOfBudget) return undefined;
    throw error;
  }
  return undefined;
}

/** A sample is at most this long: longer ones are not examples anyone reads. */
const MAX_SAMPLE_LENGTH = 4096;
/** Nodes rendered over all attempts before the search gives up, so that it is bounded in time. */
const MAX_STEPS = 1_000_000;

class OutOfBudget extends Error {}

/** How many times each quantifier repeats in one attempt. */
interface Plan {
  /** Each quantifier at its minimum, rather than at least once. */
  minimal: boolean;
  /** Repetitions added to every quantifier. */
  all: number;
  /** Repetitions added to one quantifier. */
  boost?: { id: number; extra: number };
}

function countRepeats(alternatives: Node[][]): number {
  let count = 0;
  const visit = (node: Node) => {
    if (node.kind === 'repeat') {
      count = Math.max(count, node.id + 1);
      visit(node.node);
    } else if (node.kind === 'group') node.alternatives.forEach((alternative) => alternative.forEach(visit));
  };
  alternatives.forEach((alternative) => alternative.forEach(visit));
  return count;
}

/** `position` counts repetitions, so that `[0-9a-f]{8}` reads `01234567` rather than `00000000`. */
function render(node: Node, plan: Plan, budget: { steps: number }, topAlternative?: number, position = 0): string | undefined {
  if (--budget.steps < 0) throw new OutOfBudget();
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'empty':
      return '';
    case 'set':
      return node.samples.length === 0 ? undefined : node.samples[position % node.samples.length];
    case 'repeat': {
      const wanted = plan.minimal || (node.min === 0 && node.max === 1) ? node.min : Math.max(node.min, node.max === Number.POSITIVE_INFINITY && node.min === 0 ? 1 : node.min);
      const count = Math.min(node.max, wanted + plan.all + (plan.boost?.id === node.id ? plan.boost.extra : 0));
      let text = '';
      for (let index = 0; index < count; index++) {
        const part = render(node.node, plan, budget, undefined, index);
        if (part === undefined) return undefined;
        text += part;
        if (text.length > MAX_SAMPLE_LENGTH) return undefined;
      }
      return text;
    }
    case 'group': {
      const alternative = node.alternatives[topAlternative ?? 0] ?? [];
      let text = '';
      for (const child of alternative) {
        const part = render(child, plan, budget, undefined, position);
        if (part === undefined) return undefined;
        text += part;
        if (text.length > MAX_SAMPLE_LENGTH) return undefined;
      }
      return text;
    }
  }
}

class Parser {
  private position = 0;
  private repeatCount = 0;

  constructor(private readonly source: string) {}

  parse(): Node[][] {
    const alternatives = this.alternatives();
    if (this.position < this.source.length) throw new Unsupported('unbalanced');
    return alternatives;
  }

  private alternatives(): Node[][] {
    const result: Node[][] = [this.sequence()];
    while (this.peek() === '|') {
      this.position++;
      result.push(this.sequence());
    }
    return result;
  }

  private sequence(): Node[] {
    const nodes: Node[] = [];
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      nodes.push(this.quantified(atom));
    }
    return nodes;
  }

  private quantified(atom: Node): Node {
    const char = this.peek();
    let min: number;
    let max: number;
    if (char === '*') [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (char === '+') [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (char === '?') [min, max] = [0, 1];
    else if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.position));
      if (!match) return atom;
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] === '' ? Number.POSITIVE_INFINITY : Number(match[3]);
      this.position += match[0].length - 1;
    } else return atom;
    this.position++;
    if (this.peek() === '?') this.position++;
    return { kind: 'repeat', node: atom, min, max, id: this.repeatCount++ };
  }

  private atom(): Node {
    const char = this.source[this.position++]!;
    switch (char) {
      case '^':
      case '$':
        return { kind: 'empty' };
      case '.':
        return { kind: 'set', samples: ['a', 'b', 'c'] };
      case '[':
        return this.characterClass();
      case '(':
        return this.group();
      case '\\':
        return this.escape(false);
      default:
        return { kind: 'text', text: char };
    }
  }

  private group(): Node {
    if (this.source.startsWith('?:', this.position)) this.position += 2;
    else if (/^\?<[A-Za-z_]/.test(this.source.slice(this.position))) this.position = this.source.indexOf('>', this.position) + 1;
    else if (this.peek() === '?') throw new Unsupported('lookaround');
    const alternatives = this.alternatives();
    if (this.source[this.position++] !== ')') throw new Unsupported('unclosed group');
    return { kind: 'group', alternatives };
  }

  private characterClass(): Node {
    const negated = this.peek() === '^';
    if (negated) this.position++;
    const ranges: Array<[number, number]> = [];
    // In ECMAScript a `]` right after `[` closes the class: `[]` matches nothing, `[^]` anything.
    while (this.position < this.source.length && this.peek() !== ']') {
      let low: number | Array<[number, number]>;
      if (this.peek() === '\\') {
        this.position++;
        low = this.classEscape();
      } else low = this.source.codePointAt(this.position++)!;
      if (Array.isArray(low)) {
        ranges.push(...low);
        continue;
      }
      if (this.peek() === '-' && this.source[this.position + 1] !== ']' && this.position + 1 < this.source.length) {
        this.position++;
        let high: number | Array<[number, number]>;
        if (this.peek() === '\\') {
          this.position++;
          high = this.classEscape();
        } else high = this.source.codePointAt(this.position++)!;
        if (Array.isArray(high)) {
          ranges.push([low, low], [45, 45], ...high);
          continue;
        }
        ranges.push([low, high]);
      } else ranges.push([low, low]);
    }
    if (this.source[this.position++] !== ']') throw new Unsupported('unclosed class');
    const inSet = (code: number) => ranges.some(([low, high]) => code >= low && code <= high);
    if (!negated) {
      // The set's own characters in the order written, letters and digits first (readable, and
      // safe next to other parts): `[0-9a-f]` gives 0, 1, 2… a, b…
      const samples: string[] = [];
      for (const [low, high] of ranges) {
        for (let code = low; code <= high && samples.length < 64; code++) if (/[0-9A-Za-z]/.test(String.fromCodePoint(code))) samples.push(String.fromCodePoint(code));
      }
      if (samples.length === 0 && ranges[0]) samples.push(String.fromCodePoint(ranges[0][0]));
      return { kind: 'set', samples };
    }
    const candidate = [...'aAz0x_-. '].map((c) => c.codePointAt(0)!).find((code) => !inSet(code));
    return { kind: 'set', samples: candidate === undefined ? [] : [String.fromCodePoint(candidate)] };
  }

  /** An escape inside a class: a code point, or the ranges of a class escape (`\d`). */
  private classEscape(): number | Array<[number, number]> {
    const node = this.escape(true);
    if (node.kind === 'text') return node.text.codePointAt(0)!;
    const ranges = CLASS_RANGES[this.source[this.position - 1]!];
    if (ranges) return ranges;
    throw new Unsupported('class escape');
  }

  private escape(inClass: boolean): Node {
    const char = this.source[this.position++];
    if (char === undefined) throw new Unsupported('trailing backslash');
    switch (char) {
      case 'd':
        return { kind: 'set', samples: [...'1234567890'] };
      case 'D':
        return { kind: 'set', samples: [...'abc'] };
      case 'w':
        return { kind: 'set', samples: [...'abc123'] };
      case 'W':
        return { kind: 'set', samples: ['-'] };
      case 's':
        return { kind: 'set', samples: [' '] };
      case 'S':
        return { kind: 'set', samples: [...'abc'] };
      case 'b':
        return inClass ? { kind: 'text', text: '\b' } : { kind: 'empty' };
      case 'B':
        return { kind: 'empty' };
      case 't':
        return { kind: 'text', text: '\t' };
      case 'n':
        return { kind: 'text', text: '\n' };
      case 'r':
        return { kind: 'text', text: '\r' };
      case 'f':
        return { kind: 'text', text: '\f' };
      case 'v':
        return { kind: 'text', text: '\v' };
      case '0':
        return { kind: 'text', text: '\0' };
      case 'x': {
        const hex = /^[0-9a-fA-F]{2}/.exec(this.source.slice(this.position));
        if (!hex) return { kind: 'text', text: 'x' };
        this.position += 2;
        return { kind: 'text', text: String.fromCharCode(parseInt(hex[0], 16)) };
      }
      case 'u': {
        const braces = /^\{([0-9a-fA-F]+)\}/.exec(this.source.slice(this.position));
        if (braces) {
          this.position += braces[0].length;
          return { kind: 'text', text: String.fromCodePoint(parseInt(braces[1]!, 16)) };
        }
        const hex = /^[0-9a-fA-F]{4}/.exec(this.source.slice(this.position));
        if (!hex) return { kind: 'text', text: 'u' };
        this.position += 4;
        return { kind: 'text', text: String.fromCharCode(parseInt(hex[0], 16)) };
      }
      case 'c': {
        const letter = this.source[this.position++] ?? '@';
        return { kind: 'text', text: String.fromCharCode(letter.charCodeAt(0) % 32) };
      }
      case 'p':
      case 'P': {
        const property = /^\{([^}]*)\}/.exec(this.source.slice(this.position));
        if (!property) return { kind: 'text', text: char };
        this.position += property[0].length;
        const name = property[1]!;
        if (char === 'p' && /^(L|Letter|Ll|Lu|Alphabetic|Alpha)$/.test(name)) return { kind: 'set', samples: /Lu/.test(name) ? ['A', 'B', 'C'] : ['a', 'b', 'c'] };
        if (char === 'p' && /^(N|Nd|Number|Decimal_Number|digit)$/.test(name)) return { kind: 'set', samples: [...'123'] };
        if (char === 'P' && /^(L|Letter|N|Nd)$/.test(name)) return { kind: 'set', samples: ['-'] };
        throw new Unsupported('unicode property');
      }
      default:
        if (/[1-9]/.test(char)) throw new Unsupported('back-reference or octal escape');
        if (!inClass && char === 'k' && this.peek() === '<') throw new Unsupported('named back-reference');
        return { kind: 'text', text: char };
    }
  }

  private peek(): string | undefined {
    return this.source[this.position];
  }
}

/** Code point ranges of the class escapes, for use inside `[…]`. */
const CLASS_RANGES: Record<string, Array<[number, number]>> = {
  d: [[48, 57]],
  w: [
    [48, 57],
    [65, 90],
    [95, 95],
    [97, 122],
  ],
  s: [
    [9, 13],
    [32, 32],
  ],
  D: [
    [0, 47],
    [58, 0x10ffff],
  ],
  W: [
    [0, 47],
    [58, 64],
    [91, 94],
    [96, 96],
    [123, 0x10ffff],
  ],
  S: [
    [0, 8],
    [14, 31],
    [33, 0x10ffff],
  ],
};
