/**
 * VS Code snippet syntax (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_snippet-syntax),
 * parsed and expanded the way the editor inserts a snippet before the user types anything:
 * placeholders show their default, choices their first option, mirrors the value of the first
 * occurrence of their tab stop that has one, transforms are applied, `$0` is empty.
 *
 * Unlike the editor, which quietly inserts malformed constructs as text, this parser throws on them,
 * and it reports variables it does not know (the editor would insert their name): an unescaped `$ref`
 * in a snippet body is a bug, not a variable.
 */

export type SnippetNode = TextNode | TabstopNode | VariableNode;

export interface TextNode {
  readonly kind: 'text';
  readonly value: string;
}

export interface TabstopNode {
  readonly kind: 'tabstop';
  readonly index: number;
  readonly children: readonly SnippetNode[];
  readonly choices?: readonly string[];
  readonly transform?: Transform;
}

export interface VariableNode {
  readonly kind: 'variable';
  readonly name: string;
  readonly children: readonly SnippetNode[];
  readonly transform?: Transform;
}

export interface Transform {
  readonly regex: RegExp;
  readonly format: readonly FormatPart[];
}

export type FormatPart =
  | string
  | {
      readonly group: number;
      readonly modifier?: 'upcase' | 'downcase' | 'capitalize' | 'camelcase' | 'pascalcase';
      readonly ifValue?: string;
      readonly elseValue?: string;
    };

export class SnippetSyntaxError extends Error {
  constructor(message: string, readonly offset: number, readonly source: string) {
    super(`${message} at offset ${offset}: …${source.slice(Math.max(0, offset - 20), offset + 20)}…`);
  }
}

const VARIABLE_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;
const DIGITS = /^[0-9]+/;

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parse(): SnippetNode[] {
    const nodes = this.parseSequence(false);
    if (this.pos < this.src.length) this.fail('Unexpected "}"');
    return nodes;
  }

  private fail(message: string): never {
    throw new SnippetSyntaxError(message, this.pos, this.src);
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  /** Text and markers up to the end of input or, inside a placeholder, up to its closing `}`. */
  private parseSequence(insidePlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      if (ch === '\\') {
        const next = this.peek(1);
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos += 1;
        }
        continue;
      }
      if (ch === '}' && insidePlaceholder) break;
      if (ch === '$') {
        const marker = this.parseMarker();
        if (marker) {
          flush();
          nodes.push(marker);
          continue;
        }
      }
      text += ch;
      this.pos += 1;
    }
    flush();
    return nodes;
  }

  /** A marker at `$`, or undefined when the `$` is literal text (as the editor treats `$'` or `$ `). */
  private parseMarker(): SnippetNode | undefined {
    const rest = this.src.slice(this.pos + 1);
    const digits = DIGITS.exec(rest);
    if (digits) {
      this.pos += 1 + digits[0].length;
      return { kind: 'tabstop', index: Number(digits[0]), children: [] };
    }
    const name = VARIABLE_NAME.exec(rest);
    if (name) {
      this.pos += 1 + name[0].length;
      return { kind: 'variable', name: name[0], children: [] };
    }
    if (this.peek(1) !== '{') return undefined;
    const start = this.pos;
    this.pos += 2;
    const inner = this.src.slice(this.pos);
    const index = DIGITS.exec(inner);
    if (index) {
      this.pos += index[0].length;
      return this.parseComplexTabstop(Number(index[0]));
    }
    const varName = VARIABLE_NAME.exec(inner);
    if (varName) {
      this.pos += varName[0].length;
      return this.parseComplexVariable(varName[0]);
    }
    this.pos = start;
    this.fail('"${" must be followed by a tab stop number or a variable name');
  }

  private parseComplexTabstop(index: number): TabstopNode {
    const ch = this.peek();
    if (ch === '}') {
      this.pos += 1;
      return { kind: 'tabstop', index, children: [] };
    }
    if (ch === ':') {
      this.pos += 1;
      const children = this.parseSequence(true);
      this.expect('}');
      return { kind: 'tabstop', index, children };
    }
    if (ch === '|') {
      this.pos += 1;
      const choices = this.parseChoices();
      const first = choices[0] ?? '';
      return { kind: 'tabstop', index, children: [{ kind: 'text', value: first }], choices };
    }
    if (ch === '/') {
      this.pos += 1;
      return { kind: 'tabstop', index, children: [], transform: this.parseTransform() };
    }
    this.fail(`Unexpected ${JSON.stringify(ch ?? 'end of input')} in tab stop $${index}`);
  }

  private parseComplexVariable(name: string): VariableNode {
    const ch = this.peek();
    if (ch === '}') {
      this.pos += 1;
      return { kind: 'variable', name, children: [] };
    }
    if (ch === ':') {
      this.pos += 1;
      const children = this.parseSequence(true);
      this.expect('}');
      return { kind: 'variable', name, children };
    }
    if (ch === '/') {
      this.pos += 1;
      return { kind: 'variable', name, children: [], transform: this.parseTransform() };
    }
    this.fail(`Unexpected ${JSON.stringify(ch ?? 'end of input')} in variable ${name}`);
  }

  /** `a,b\,c|}` after `${n|`: options, where `\,` `\|` and `\\` are escapes. */
  private parseChoices(): string[] {
    const choices: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      if (ch === '\\' && [',', '|', '\\'].includes(this.peek(1) ?? '')) {
        current += this.peek(1);
        this.pos += 2;
      } else if (ch === ',') {
        choices.push(current);
        current = '';
        this.pos += 1;
      } else if (ch === '|' && this.peek(1) === '}') {
        choices.push(current);
        this.pos += 2;
        if (choices.some((c) => c === '')) this.fail('Empty choice');
        return choices;
      } else {
        current += ch;
        this.pos += 1;
      }
    }
    this.fail('Unterminated choice (expected "|}")');
  }

  /** `regex/format/options}` after `${n/`. */
  private parseTransform(): Transform {
    const source = this.readUntilSlash(true);
    const formatSource = this.readUntilSlash(false);
    let flags = '';
    while (this.pos < this.src.length && this.peek() !== '}') {
      flags += this.peek();
      this.pos += 1;
    }
    this.expect('}');
    let regex: RegExp;
    try {
      regex = new RegExp(source, flags);
    } catch (e) {
      this.fail(`Invalid transform regex /${source}/${flags}: ${(e as Error).message}`);
    }
    return { regex, format: parseFormat(formatSource, (m) => this.fail(m)) };
  }

  private readUntilSlash(isRegex: boolean): string {
    let out = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      if (ch === '\\' && this.peek(1) === '/') {
        out += isRegex ? '\\/' : '/';
        this.pos += 2;
      } else if (ch === '\\' && this.peek(1) !== undefined) {
        out += ch + this.peek(1);
        this.pos += 2;
      } else if (!isRegex && ch === '$' && this.peek(1) === '{') {
        // `${1:/upcase}` holds a slash that does not end the format.
        const close = this.src.indexOf('}', this.pos);
        if (close < 0) this.fail('Unterminated format');
        out += this.src.slice(this.pos, close + 1);
        this.pos = close + 1;
      } else if (ch === '/') {
        this.pos += 1;
        return out;
      } else {
        out += ch;
        this.pos += 1;
      }
    }
    this.fail('Unterminated transform');
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`Expected "${ch}"`);
    this.pos += 1;
  }
}

/** Format string of a transform: `$1`, `${1}`, `${1:/upcase}`, `${1:+if}`, `${1:?if:else}`, `${1:-else}`. */
function parseFormat(src: string, fail: (message: string) => never): FormatPart[] {
  const parts: FormatPart[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) parts.push(text);
    text = '';
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\\' && i + 1 < src.length) {
      const next = src[i + 1]!;
      text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
      continue;
    }
    if (ch === '$') {
      const simple = /^\$([0-9]+)/.exec(src.slice(i));
      if (simple) {
        flush();
        parts.push({ group: Number(simple[1]) });
        i += simple[0].length;
        continue;
      }
      const complex = /^\$\{([0-9]+)(?::(\/(upcase|downcase|capitalize|camelcase|pascalcase)|\+([^}]*)|\?([^:}]*):([^}]*)|-?([^}]*)))?\}/.exec(
        src.slice(i),
      );
      if (complex) {
        flush();
        const group = Number(complex[1]);
        const [, , , modifier, plusIf, ternaryIf, ternaryElse, elseValue] = complex;
        if (modifier) parts.push({ group, modifier: modifier as NonNullable<Extract<FormatPart, object>['modifier']> });
        else if (plusIf !== undefined) parts.push({ group, ifValue: plusIf });
        else if (ternaryIf !== undefined) parts.push({ group, ifValue: ternaryIf, elseValue: ternaryElse ?? '' });
        else if (elseValue !== undefined) parts.push({ group, elseValue });
        else parts.push({ group });
        i += complex[0].length;
        continue;
      }
      if (src[i + 1] === '{') fail(`Invalid format ${src.slice(i)}`);
    }
    text += ch;
    i += 1;
  }
  flush();
  return parts;
}

export function parseSnippet(body: string): SnippetNode[] {
  return new Parser(body).parse();
}

function words(value: string): string[] {
  return value.match(/[a-z0-9]+/gi) ?? [];
}

function applyModifier(value: string, modifier: NonNullable<Extract<FormatPart, object>['modifier']>): string {
  switch (modifier) {
    case 'upcase':
      return value.toLocaleUpperCase();
    case 'downcase':
      return value.toLocaleLowerCase();
    case 'capitalize':
      return value ? value[0]!.toLocaleUpperCase() + value.slice(1) : value;
    case 'pascalcase':
      return words(value)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('');
    case 'camelcase':
      return words(value)
        .map((w, i) => (i === 0 ? w[0]!.toLowerCase() : w[0]!.toUpperCase()) + w.slice(1))
        .join('');
  }
}

export function applyTransform(value: string, transform: Transform): string {
  return value.replace(transform.regex, (match: string, ...rest: unknown[]) => {
    // Replacer arguments: the match, its groups, the offset (the first number), the input, named groups.
    const offsetAt = rest.findIndex((arg) => typeof arg === 'number');
    const groups = [match, ...rest.slice(0, offsetAt)] as (string | undefined)[];
    return transform.format
      .map((part) => {
        if (typeof part === 'string') return part;
        const captured = groups[part.group] ?? '';
        if (part.modifier) return applyModifier(captured, part.modifier);
        if (part.ifValue !== undefined || part.elseValue !== undefined) {
          return captured ? (part.ifValue ?? captured) : (part.elseValue ?? '');
        }
        return captured;
      })
      .join('');
  });
}

export interface TabstopInfo {
  readonly index: number;
  /** Text the tab stop shows right after insertion. */
  readonly value: string;
  readonly choices?: readonly string[];
  /** Number of places that show this tab stop (the first plus its mirrors). */
  readonly occurrences: number;
}

export interface Expansion {
  readonly text: string;
  readonly tabstops: ReadonlyMap<number, TabstopInfo>;
  /** Variables without a value: the editor would insert their names as placeholders. */
  readonly unknownVariables: readonly string[];
}

/** Values of VS Code's snippet variables at insertion time, for a file `orders.asyncapi.yaml`. */
export const SAMPLE_VARIABLES: Readonly<Record<string, string>> = {
  TM_FILENAME: 'orders.asyncapi.yaml',
  TM_FILENAME_BASE: 'orders.asyncapi',
  TM_DIRECTORY: '/workspace/orders',
  TM_FILEPATH: '/workspace/orders/orders.asyncapi.yaml',
  RELATIVE_FILEPATH: 'orders/orders.asyncapi.yaml',
  WORKSPACE_NAME: 'workspace',
  WORKSPACE_FOLDER: '/workspace',
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  CLIPBOARD: '',
  CURRENT_YEAR: '2024',
  CURRENT_YEAR_SHORT: '24',
  CURRENT_MONTH: '05',
  CURRENT_DATE: '01',
  CURRENT_HOUR: '12',
  CURRENT_MINUTE: '00',
  CURRENT_SECOND: '00',
  CURRENT_SECONDS_UNIX: '1714564800',
  UUID: '9b2f4c1e-7d3a-4e5b-8c6d-0f1a2b3c4d5e',
  RANDOM: '123456',
  RANDOM_HEX: 'a1b2c3',
  LINE_COMMENT: '#',
};

/**
 * Expands a snippet body as inserted: the first occurrence of a tab stop that has a default (or a
 * choice) gives the value shown at every occurrence of that tab stop, nested defaults included.
 */
export function expandSnippet(body: string, variables: Readonly<Record<string, string>> = SAMPLE_VARIABLES): Expansion {
  const nodes = parseSnippet(body);

  const definitions = new Map<number, TabstopNode>();
  const occurrences = new Map<number, number>();
  const visit = (list: readonly SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'tabstop') {
        occurrences.set(node.index, (occurrences.get(node.index) ?? 0) + 1);
        if (!definitions.has(node.index) && node.children.length > 0) definitions.set(node.index, node);
      }
      if (node.kind !== 'text') visit(node.children);
    }
  };
  visit(nodes);

  const unknownVariables: string[] = [];
  const values = new Map<number, string>();
  const valueOf = (index: number, resolving: Set<number>): string => {
    const cached = values.get(index);
    if (cached !== undefined) return cached;
    const definition = definitions.get(index);
    if (!definition || resolving.has(index)) return '';
    resolving.add(index);
    const value = render(definition.children, resolving);
    resolving.delete(index);
    values.set(index, value);
    return value;
  };
  const render = (list: readonly SnippetNode[], resolving: Set<number>): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.value;
          case 'tabstop': {
            const value = valueOf(node.index, resolving);
            return node.transform ? applyTransform(value, node.transform) : value;
          }
          case 'variable': {
            const known = variables[node.name];
            if (known === undefined) unknownVariables.push(node.name);
            if (known === undefined || (known === '' && node.children.length > 0)) {
              return node.children.length > 0 ? render(node.children, resolving) : node.name;
            }
            return node.transform ? applyTransform(known, node.transform) : known;
          }
        }
      })
      .join('');

  const text = render(nodes, new Set());
  const tabstops = new Map<number, TabstopInfo>();
  for (const [index, count] of [...occurrences].sort(([a], [b]) => a - b)) {
    const choices = definitions.get(index)?.choices;
    tabstops.set(index, { index, value: valueOf(index, new Set()), occurrences: count, ...(choices ? { choices } : {}) });
  }
  return { text, tabstops, unknownVariables: [...new Set(unknownVariables)] };
}
