import { RE2JS } from 're2js';

/**
 * Every regular expression that comes from a user's file (JSON Schema `pattern` and
 * `patternProperties`, message-kind patterns in `.event-design.yaml`) runs here, on RE2 (re2js),
 * whose matching time is linear in the input: a pattern such as `^(a+)+$` cannot hang the server
 * the way JavaScript's backtracking engine does. The ECMA-262 source is translated into RE2's
 * syntax where the translation is exact; a pattern RE2 cannot express (backreferences,
 * lookaround…) is reported as unsupported and is never run by a backtracking engine.
 * ARCHITECTURE.md ("Regular expressions") lists what stays different between the two.
 */
export type LinearPattern =
  | { readonly kind: 'linear'; test(text: string): boolean }
  | { readonly kind: 'unsupported' | 'invalid'; readonly reason: string };

/** An ECMA-262 pattern in RE2 syntax with RE2's flags, or why there is no exact translation. */
export type Translation = { re2: string; flags: number } | { unsupported: string };

const cache = new Map<string, LinearPattern>();
const MAX_CACHED = 2000;

/** The pattern `source` with ECMA-262 `flags` (`i`, `m`, `s`, `u`; `g`, `y`, `d` do not change a test), compiled once. */
export function linearPattern(source: string, flags = ''): LinearPattern {
  const key = flags + '/' + source;
  let pattern = cache.get(key);
  if (!pattern) {
    pattern = compile(source, flags);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, pattern);
  }
  return pattern;
}

function compile(source: string, flags: string): LinearPattern {
  try {
    // Only to learn whether ECMA-262 accepts the pattern: constructing a RegExp parses it and
    // never matches anything, so it costs time linear in the pattern's length.
    new RegExp(source, flags);
  } catch (error) {
    return { kind: 'invalid', reason: error instanceof Error ? error.message : String(error) };
  }
  const translation = translateToRe2(source, flags);
  if ('unsupported' in translation) return { kind: 'unsupported', reason: translation.unsupported };
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(translation.re2, translation.flags);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/repeat count|repetition/.test(message)) return { kind: 'unsupported', reason: 'a repetition count above 1000 (RE2 allows at most 1000, nested counts multiplied)' };
    return { kind: 'unsupported', reason: `RE2 rejects it (${message.replace(/^error parsing regexp: /, '')})` };
  }
  return { kind: 'linear', test: (text) => compiled.test(text) };
}

const MAX_CODE_POINT = 0x10ffff;
type Ranges = Array<[number, number]>;

/** ECMA-262 `\s`: white space and line terminators, wider than RE2's ASCII `\s`. */
const SPACE: Ranges = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
/** What `.` leaves out without the `s` flag: ECMA-262's four line terminators (RE2's `.` leaves out `\n` only). */
const LINE_TERMINATORS: Ranges = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];
const CLASS_ESCAPES: Record<string, Ranges> = {
  d: DIGIT,
  D: complement(DIGIT),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};
const SINGLE_ESCAPES: Record<string, number> = { t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d };
const UNICODE_IGNORE_CASE_WORD: Ranges = [...WORD, [0x17f, 0x17f], [0x212a, 0x212a]];
const MAX_NESTING = 200;

class Unsupported extends Error {}

/**
 * Translates a pattern that ECMA-262 accepts (check that first) into RE2 syntax. Every literal
 * is written as `\x{…}` and every class as explicit ranges, so that nothing RE2 reads
 * differently (`[[:alpha:]]`, `\Q`, `\z`, `{,5}`) survives; groups become non-capturing, since
 * only whether the pattern matches is ever asked.
 */
export function translateToRe2(source: string, flags: string): Translation {
  if (flags.includes('v')) return { unsupported: 'the `v` flag (class set syntax)' };
  try {
    const re2 = new Translator(source, flags.includes('u'), flags.includes('s'), flags.includes('i')).translate();
    return { re2, flags: (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0) };
  } catch (error) {
    if (error instanceof Unsupported) return { unsupported: error.message };
    throw error;
  }
}

class Translator {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly unicode: boolean,
    private readonly dotAll: boolean,
    private readonly ignoreCase: boolean,
  ) {}

  translate(): string {
    const result = this.disjunction();
    if (this.position < this.source.length) throw new Unsupported(`an unexpected "${this.source[this.position]}"`);
    return result;
  }

  private disjunction(): string {
    let result = this.alternative();
    while (this.peek() === '|') {
      this.position++;
      result += '|' + this.alternative();
    }
    return result;
  }

  private alternative(): string {
    let result = '';
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.term();
      const quantifier = this.quantifier();
      if (quantifier && atom.astralPair) throw new Unsupported('a quantifier after a character outside the Basic Multilingual Plane without the `u` flag (it repeats half of the character)');
      result += quantifier ? `(?:${atom.text})${quantifier}` : atom.text;
    }
    return result;
  }

  /** One atom or assertion; `astralPair` marks a literal that is two UTF-16 code units without `u`. */
  private term(): { text: string; astralPair?: boolean } {
    const char = this.source[this.position]!;
    switch (char) {
      case '^':
      case '$':
        this.position++;
        return { text: char };
      case '.':
        this.position++;
        return { text: this.dotAll ? classText([[0, MAX_CODE_POINT]], false) : classText(LINE_TERMINATORS, true) };
      case '[':
        this.position++;
        return { text: this.characterClass() };
      case '(':
        this.position++;
        return { text: this.group() };
      case '\\':
        this.position++;
        return this.atomEscape();
      default: {
        const code = this.source.codePointAt(this.position)!;
        this.position += code > 0xffff ? 2 : 1;
        return { text: literal(code), astralPair: code > 0xffff && !this.unicode };
      }
    }
  }

  private quantifier(): string {
    const rest = this.source.slice(this.position);
    const match = /^(?:[*+?]|\{(\d+)(?:(,)(\d*))?\})/.exec(rest);
    if (!match) return '';
    this.position += match[0].length;
    let text = match[0];
    if (match[1] !== undefined) {
      // Leading zeros and huge counts: RE2 reads decimals like ECMA-262, but its limit is 1000.
      const min = Number(match[1]);
      const max = match[3] === undefined || match[3] === '' ? undefined : Number(match[3]);
      if (min > 1000 || (max !== undefined && max > 1000)) throw new Unsupported('a repetition count above 1000 (RE2 allows at most 1000, nested counts multiplied)');
      text = `{${min}${match[2] ? ',' + (max ?? '') : ''}}`;
    }
    if (this.peek() === '?') {
      this.position++;
      text += '?';
    }
    return text;
  }

  private group(): string {
    if (++this.depth > MAX_NESTING) throw new Unsupported(`groups nested more than ${MAX_NESTING} deep`);
    const rest = this.source.slice(this.position, this.position + 3);
    if (rest.startsWith('?=') || rest.startsWith('?!')) throw new Unsupported('a lookahead (?= or (?!');
    if (rest.startsWith('?<=') || rest.startsWith('?<!')) throw new Unsupported('a lookbehind (?<= or (?<!');
    if (rest.startsWith('?:')) this.position += 2;
    else if (rest.startsWith('?<')) this.position = this.source.indexOf('>', this.position) + 1;
    else if (rest.startsWith('?')) throw new Unsupported(`the group syntax "(${rest}"`);
    const inner = this.disjunction();
    if (this.source[this.position++] !== ')') throw new Unsupported('an unclosed group');
    this.depth--;
    return `(?:${inner})`;
  }

  private atomEscape(): { text: string; astralPair?: boolean } {
    const char = this.source[this.position];
    if (char === 'b' || char === 'B') {
      // ASCII word characters on both sides (outside ECMA-262's `u` + `i` case folding).
      this.position++;
      return { text: '\\' + char };
    }
    if (char !== undefined && /[1-9]/.test(char)) throw new Unsupported(`a backreference (\\${char})`);
    if (char === 'k' && (this.unicode || /\(\?<[^=!]/.test(this.source))) throw new Unsupported('a named backreference (\\k<…>)');
    const escaped = this.characterEscape(false);
    if (typeof escaped === 'string') return { text: escaped };
    // A class escape is a fixed set, never case-folded: RE2 would fold `\W` into `k` through
    // the Kelvin sign K, which ECMA-262 does not.
    if (Array.isArray(escaped)) return { text: `(?-i:${classText(escaped, false)})` };
    return { text: literal(escaped.code), astralPair: escaped.pair };
  }

  /**
   * After a backslash: a code point, the ranges of a class escape (`\d`, `\s`…), or RE2 text (a
   * Unicode property). `\b` inside a class is a backspace.
   */
  private characterEscape(inClass: boolean): { code: number; pair?: boolean } | Ranges | string {
    const char = this.source[this.position++];
    if (char === undefined) throw new Unsupported('a trailing backslash');
    // With `u` and `i`, ECMA-262's word characters take in ſ and K, which fold into s and k.
    if ((char === 'w' || char === 'W') && this.unicode && this.ignoreCase) return char === 'w' ? UNICODE_IGNORE_CASE_WORD : complement(UNICODE_IGNORE_CASE_WORD);
    if (CLASS_ESCAPES[char]) return CLASS_ESCAPES[char]!;
    if (SINGLE_ESCAPES[char] !== undefined) return { code: SINGLE_ESCAPES[char]! };
    if (inClass && char === 'b') return { code: 0x08 };
    if (char === '0' && !/[0-9]/.test(this.peek() ?? '')) return { code: 0 };
    if (/[0-9]/.test(char)) throw new Unsupported(`a legacy octal escape (\\${char}…)`);
    if (char === 'c') {
      const letter = this.peek();
      if (letter === undefined || !/[A-Za-z]/.test(letter)) throw new Unsupported('a \\c escape without a letter');
      this.position++;
      return { code: letter.charCodeAt(0) % 32 };
    }
    if (char === 'x') {
      const hex = /^[0-9a-fA-F]{2}/.exec(this.source.slice(this.position));
      if (!hex) return { code: 'x'.charCodeAt(0) };
      this.position += 2;
      return { code: parseInt(hex[0], 16) };
    }
    if (char === 'u') return this.unicodeEscape();
    if ((char === 'p' || char === 'P') && this.unicode) return this.propertyEscape(char);
    // An identity escape: the character itself (`\/`, `\-`, and without `u` any character).
    const code = this.source.codePointAt(this.position - 1)!;
    if (code > 0xffff) this.position++;
    return { code, pair: code > 0xffff && !this.unicode };
  }

  private unicodeEscape(): { code: number; pair?: boolean } {
    const rest = this.source.slice(this.position);
    const braces = this.unicode ? /^\{([0-9a-fA-F]+)\}/.exec(rest) : null;
    if (braces) {
      this.position += braces[0].length;
      return { code: parseInt(braces[1]!, 16) };
    }
    const hex = /^[0-9a-fA-F]{4}/.exec(rest);
    if (!hex) return { code: 'u'.charCodeAt(0) };
    this.position += 4;
    const code = parseInt(hex[0], 16);
    if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair written as two escapes is the code point it encodes; RE2 reads text as
      // code points, so a lone surrogate cannot be matched as ECMA-262 matches it.
      const low = /^\\u(d[c-f][0-9a-f]{2})/i.exec(this.source.slice(this.position));
      if (low) {
        this.position += 6;
        return { code: 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00), pair: !this.unicode };
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) throw new Unsupported(`a lone surrogate (\\u${hex[0]})`);
    return { code };
  }

  private propertyEscape(char: 'p' | 'P'): string {
    const property = /^\{([^}]*)\}/.exec(this.source.slice(this.position));
    if (!property) throw new Unsupported(`\\${char} without a property name`);
    this.position += property[0].length;
    // `General_Category=Lu` and `Script=Greek` are what RE2 calls `Lu` and `Greek`; Script_Extensions
    // (`scx=`) has no RE2 counterpart.
    const name = property[1]!.replace(/^(General_Category|gc|Script|sc)=/, '');
    const text = `\\${char}{${name}}`;
    if (name.includes('=') || !/^[A-Za-z_]+$/.test(name)) throw new Unsupported(`the Unicode property ${property[0]}`);
    try {
      RE2JS.compile(text);
    } catch {
      throw new Unsupported(`the Unicode property ${property[0]}`);
    }
    return text;
  }

  private characterClass(): string {
    const negated = this.peek() === '^';
    if (negated) this.position++;
    const ranges: Ranges = [];
    const properties: string[] = [];
    // ECMA-262 closes a class at the first `]`: `[]` matches nothing, `[^]` anything.
    while (this.position < this.source.length && this.peek() !== ']') {
      const low = this.classAtom();
      if (typeof low === 'string') {
        properties.push(low);
        continue;
      }
      if (this.peek() === '-' && this.source[this.position + 1] !== ']' && this.position + 1 < this.source.length) {
        this.position++;
        const high = this.classAtom();
        // Without `u`, a dash next to a class escape (`[\d-z]`) is a dash (Annex B).
        if (typeof high === 'string' || Array.isArray(low) || Array.isArray(high)) {
          if (typeof high === 'string') properties.push(high);
          else ranges.push(...(Array.isArray(high) ? high : [[high, high] as [number, number]]));
          ranges.push(...(Array.isArray(low) ? low : [[low, low] as [number, number]]), [0x2d, 0x2d]);
          continue;
        }
        ranges.push([low, high]);
      } else ranges.push(...(Array.isArray(low) ? low : [[low, low] as [number, number]]));
    }
    if (this.source[this.position++] !== ']') throw new Unsupported('an unclosed class');
    if (properties.length > 0) return `[${negated ? '^' : ''}${ranges.map(rangeText).join('')}${properties.join('')}]`;
    return classText(ranges, negated);
  }

  /** A class member: a code point, the ranges of a class escape, or a Unicode property in RE2 text. */
  private classAtom(): number | Ranges | string {
    if (this.peek() === '\\') {
      this.position++;
      const escaped = this.characterEscape(true);
      if (typeof escaped === 'string' || Array.isArray(escaped)) return escaped;
      if (escaped.pair) throw new Unsupported('a character outside the Basic Multilingual Plane in a class without the `u` flag (the class holds its two halves)');
      return escaped.code;
    }
    const code = this.source.codePointAt(this.position)!;
    this.position += code > 0xffff ? 2 : 1;
    if (code > 0xffff && !this.unicode) throw new Unsupported('a character outside the Basic Multilingual Plane in a class without the `u` flag (the class holds its two halves)');
    return code;
  }

  private peek(): string | undefined {
    return this.source[this.position];
  }
}

/** A literal code point: letters and digits as themselves, everything else as `\x{…}`. */
function literal(code: number): string {
  return /[0-9A-Za-z]/.test(String.fromCodePoint(code)) && code < 0x80 ? String.fromCodePoint(code) : `\\x{${code.toString(16)}}`;
}

function rangeText([low, high]: [number, number]): string {
  return low === high ? `\\x{${low.toString(16)}}` : `\\x{${low.toString(16)}}-\\x{${high.toString(16)}}`;
}

/** A class in RE2 syntax; an empty class (ECMA-262 `[]`) matches nothing. */
function classText(ranges: Ranges, negated: boolean): string {
  if (ranges.length === 0) return negated ? `[\\x{0}-\\x{10ffff}]` : `[^\\x{0}-\\x{10ffff}]`;
  return `[${negated ? '^' : ''}${ranges.map(rangeText).join('')}]`;
}

/** The code points not in `ranges`. */
function complement(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const result: Ranges = [];
  let next = 0;
  for (const [low, high] of sorted) {
    if (low > next) result.push([next, low - 1]);
    next = Math.max(next, high + 1);
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}
