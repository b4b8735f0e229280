import type { SeededRandom } from './seededRandom';

/**
 * What a mutator may know besides the text: the file's path in the fuzz workspace (relative, with
 * forward slashes) and the other files there, so that `$ref`s can point at real neighbours.
 */
export interface MutationContext {
  readonly path: string;
  readonly neighbours: readonly string[];
  /** Other seed texts, for splicing pieces of one document into another. */
  readonly donors: readonly string[];
}

export interface Mutator {
  readonly name: string;
  /** How often it is chosen relative to the others: the very large inputs are rare, they are slow. */
  readonly weight: number;
  apply(text: string, random: SeededRandom, context: MutationContext): string;
}

/**
 * Lone surrogates stand for bytes that are not UTF-8: the language server receives them as they
 * are (JSON-RPC carries them escaped), and `encodeForDisk` writes them as invalid byte sequences.
 */
export const INVALID_UTF8_MARK = '\uDFFF';
const INVALID_UTF8_BYTES = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc3, 0x28]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf0, 0x90, 0x28, 0xbc])];

export function encodeForDisk(text: string): Buffer {
  if (!text.includes(INVALID_UTF8_MARK)) return Buffer.from(text, 'utf8');
  const parts = text.split(INVALID_UTF8_MARK);
  const buffers: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) buffers.push(INVALID_UTF8_BYTES[index % INVALID_UTF8_BYTES.length]!);
    buffers.push(Buffer.from(part, 'utf8'));
  });
  return Buffer.concat(buffers);
}

const YAML_AND_JSON_SIGNIFICANT = [':', '{', '}', '[', ']', ',', '"', "'", '&', '*', '!', '|', '>', '-', '#', '\n', '\t', ' ', '?', '%', '@', '`', '$', '\\', '<<'];

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function isJsonText(text: string) {
  return /^\uFEFF?\s*[{[]/.test(text);
}

/** A random offset where a new line may start (after a line feed, or the end). */
function randomLineStart(text: string, random: SeededRandom): number {
  return random.pick(lineStarts(text));
}

function insertAt(text: string, offset: number, insertion: string) {
  return text.slice(0, offset) + insertion + text.slice(offset);
}

const byteEdits: Mutator = {
  name: 'byte-edits',
  weight: 14,
  apply(text, random) {
    let result = text;
    for (let edit = random.between(1, 8); edit > 0; edit--) {
      const offset = random.below(result.length + 1);
      const piece = random.chance(0.7) ? random.pick(YAML_AND_JSON_SIGNIFICANT) : String.fromCharCode(random.below(0x3000));
      const kind = random.below(3);
      if (kind === 0) result = insertAt(result, offset, piece);
      else if (kind === 1) result = result.slice(0, offset) + result.slice(offset + random.between(1, 16));
      else result = result.slice(0, offset) + piece + result.slice(offset + 1);
    }
    return result;
  },
};

const lineEdits: Mutator = {
  name: 'line-edits',
  weight: 12,
  apply(text, random) {
    const lines = text.split('\n');
    for (let edit = random.between(1, 4); edit > 0; edit--) {
      const at = random.below(lines.length);
      const length = random.between(1, Math.min(20, lines.length - at));
      const kind = random.below(4);
      if (kind === 0) lines.splice(at, length);
      else if (kind === 1) lines.splice(at, 0, ...lines.slice(at, at + length));
      else if (kind === 2) {
        const moved = lines.splice(at, length);
        lines.splice(random.below(lines.length + 1), 0, ...moved);
      } else lines.splice(at, 0, '');
    }
    return lines.join('\n');
  },
};

const indentation: Mutator = {
  name: 'indentation',
  weight: 10,
  apply(text, random) {
    const lines = text.split('\n');
    const from = random.below(lines.length);
    const to = Math.min(lines.length, from + random.between(1, 30));
    const shift = random.pick([-4, -2, -1, 1, 2, 3, 8]);
    const tabs = random.chance(0.3);
    for (let index = from; index < to; index++) {
      const line = lines[index]!;
      const indent = /^[ \t]*/.exec(line)![0];
      const body = line.slice(indent.length);
      const width = Math.max(0, indent.length + shift);
      lines[index] = (tabs ? '\t'.repeat(Math.ceil(width / 2)) : ' '.repeat(width)) + body;
    }
    return lines.join('\n');
  },
};

const aliasBomb: Mutator = {
  name: 'alias-bomb',
  weight: 2,
  apply(text, random) {
    const levels = random.between(6, 14);
    const width = random.between(6, 12);
    const lines = [`x-bomb0: &bomb0 [${Array.from({ length: width }, () => 'lol').join(', ')}]`];
    for (let level = 1; level < levels; level++) lines.push(`x-bomb${level}: &bomb${level} [${Array.from({ length: width }, () => `*bomb${level - 1}`).join(', ')}]`);
    // Unclosed flow collections after the bomb make the parser's recovery do the most work.
    if (random.chance(0.3)) lines.push(`x-open: {a: [*bomb${levels - 1}, {b: [`);
    return insertAt(text, randomLineStart(text, random), lines.join('\n') + '\n');
  },
};

const deepNesting: Mutator = {
  name: 'deep-nesting',
  weight: 2,
  apply(text, random) {
    const depth = random.chance(0.5) ? 5000 : random.between(100, 5000);
    const open = random.chance(0.5) ? '[' : '{"a": ';
    const close = open === '[' ? ']' : '}';
    const closed = random.chance(0.7);
    const nested = open.repeat(depth) + '1' + (closed ? close.repeat(depth) : '');
    if (isJsonText(text)) {
      const brace = text.indexOf('{');
      if (brace !== -1) return insertAt(text, brace + 1, `"x-deep": ${nested}${closed ? ',' : ''}`);
    }
    if (random.chance(0.3)) {
      // Block nesting: 5,000 levels of two-space indentation is 25 MB of spaces; keep it to 400.
      const levels = Array.from({ length: 400 }, (_, level) => `${'  '.repeat(level)}k${level}:`);
      return insertAt(text, randomLineStart(text, random), levels.join('\n') + ' leaf\n');
    }
    return insertAt(text, randomLineStart(text, random), `x-deep: ${nested}\n`);
  },
};

const hugeString: Mutator = {
  name: 'huge-string',
  weight: 1,
  apply(text, random) {
    const size = random.chance(0.3) ? 10 * 1024 * 1024 : random.between(64 * 1024, 2 * 1024 * 1024);
    const value = random.pick(['z', 'ab', 'é', '\\n']).repeat(size / 2);
    if (isJsonText(text)) {
      const brace = text.indexOf('{');
      if (brace !== -1) return insertAt(text, brace + 1, `"x-huge": "${value}",`);
    }
    return insertAt(text, randomLineStart(text, random), `x-huge: "${value}"\n`);
  },
};

const controlCharacters: Mutator = {
  name: 'control-characters',
  weight: 6,
  apply(text, random) {
    let result = text;
    const kind = random.below(4);
    if (kind === 0) {
      for (let count = random.between(1, 5); count > 0; count--) result = insertAt(result, random.below(result.length + 1), random.pick(['\u0000', '\u0000\u0001\u0002', '\u001b[31m', '\u0085', '\u2028', '\u200b']));
    } else if (kind === 1) result = '\uFEFF' + (random.chance(0.2) ? '\uFEFF' : '') + result;
    else if (kind === 2) result = random.chance(0.5) ? result.replace(/\n/g, '\r\n') : result.replace(/\n/g, () => random.pick(['\n', '\r\n', '\r']));
    else for (let count = random.between(1, 4); count > 0; count--) result = insertAt(result, random.below(result.length + 1), INVALID_UTF8_MARK);
    return result;
  },
};

/** Where a hostile `$ref` may point. */
function hostileRefTarget(random: SeededRandom, context: MutationContext): string {
  const self = context.path.split('/').pop()!;
  const neighbour = context.neighbours.length > 0 ? random.pick(context.neighbours) : self;
  const relative = relativePath(context.path, neighbour);
  return random.weighted<() => string>([
    [() => `./missing-${random.below(100)}.yaml#/components/schemas/X`, 3],
    [() => '#', 2],
    [() => `./${self}`, 2],
    [() => `./${self}#/components`, 1],
    [() => `${relative}#/components/schemas/${random.pick(['A', 'B', 'Order', ''])}`, 3],
    [() => relative, 2],
    [() => `http://example.invalid/${random.below(1000)}.yaml#/x`, 2],
    [() => `https://127.0.0.1:${random.between(1, 65535)}/schema.json`, 1],
    [() => `./${'a/'.repeat(random.between(500, 4000))}x.yaml`, 1],
    [() => `./${'x'.repeat(random.between(255, 5000))}.json`, 1],
    [() => '../../etc/passwd', 2],
    [() => '../../../../../../../../etc/passwd#/root', 1],
    [() => 'file:///etc/passwd', 1],
    [() => '/dev/zero', 1],
    [() => '/proc/self/environ', 1],
    [() => `#/${'a/'.repeat(random.between(100, 3000))}`, 1],
    [() => '#/components/schemas/%', 1],
    [() => '', 1],
  ])();
}

function relativePath(from: string, to: string): string {
  const fromParts = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  const up = fromParts.length - common;
  return (up === 0 ? './' : '../'.repeat(up)) + toParts.slice(common).join('/');
}

const hostileRefs: Mutator = {
  name: 'hostile-refs',
  weight: 12,
  apply(text, random, context) {
    const target = hostileRefTarget(random, context).replace(/'/g, "''");
    const existing = [...text.matchAll(/(["']?\$ref["']?\s*:\s*)(["']?)([^"'\n,}]*)\2/g)];
    if (existing.length > 0 && random.chance(0.5)) {
      const match = random.pick(existing);
      const json = match[1]!.startsWith('"');
      const value = json ? JSON.stringify(target) : `'${target}'`;
      return text.slice(0, match.index!) + match[1] + value + text.slice(match.index! + match[0].length);
    }
    if (isJsonText(text)) {
      const braces = [...text.matchAll(/\{/g)];
      if (braces.length === 0) return text;
      const at = random.pick(braces).index! + 1;
      return insertAt(text, at, `"$ref": ${JSON.stringify(target)}, `);
    }
    // A new $ref under a block mapping key, as its first entry; a cycle between two entries
    // sometimes, within the file.
    const keys = [...text.matchAll(/^( *)([^\s#:][^:\n]*):[ \t]*$/gm)];
    if (keys.length === 0) return `${text}\nx-ref: { $ref: '${target}' }\n`;
    const key = random.pick(keys);
    const indent = `${key[1]}  `;
    const lineEnd = key.index! + key[0].length;
    if (random.chance(0.2)) {
      const cycle = `\n${indent}CycleA: { $ref: '#/CycleB' }\n${indent}CycleB: { $ref: '#/CycleA' }\n${indent}$ref: '#/CycleA'`;
      return insertAt(text, lineEnd, cycle);
    }
    return insertAt(text, lineEnd, `\n${indent}$ref: '${target}'`);
  },
};

const HOSTILE_PATTERNS: ReadonlyArray<readonly [string, string]> = [
  ['^(a+)+$', `${'a'.repeat(40)}!`],
  ['^(a|a)*$', `${'a'.repeat(50)}b`],
  ['^(\\w+\\s?)*$', `${'word '.repeat(30)}!`],
  ['a{99999999}', 'a'],
  ['(a{1000}){1000}', 'b'],
  ['([', 'x'],
  ['(?<=a)b', 'ab'],
  ['\\p{Foo}', 'x'],
  ['(?P<name>x)', 'x'],
  ['[z-a]', 'x'],
  ['\\', 'x'],
];

const hostilePatterns: Mutator = {
  name: 'hostile-patterns',
  weight: 8,
  apply(text, random) {
    const [pattern, sample] = random.pick(HOSTILE_PATTERNS);
    const longSample = random.chance(0.5) ? sample.replace(/^(\w+)/, (word) => word.repeat(random.between(1, 200))) : sample;
    if (isJsonText(text)) {
      const types = [...text.matchAll(/"type"\s*:\s*"string"/g)];
      const at = types.length > 0 ? random.pick(types) : undefined;
      if (!at) return text;
      const end = at.index! + at[0].length;
      const extra = random.chance(0.5) ? `, "default": ${JSON.stringify(longSample)}, "examples": [${JSON.stringify(longSample)}]` : `, "patternProperties": { ${JSON.stringify(pattern)}: {} }`;
      return insertAt(text, end, `, "pattern": ${JSON.stringify(pattern)}${extra}`);
    }
    const types = [...text.matchAll(/^( *)(- )?type: *['"]?string['"]? *$/gm)];
    const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
    if (types.length === 0) {
      const schema = [`x-fuzz-schema:`, `  type: string`, `  pattern: ${quote(pattern)}`, `  default: ${quote(longSample)}`];
      return `${text}\n${schema.join('\n')}\n`;
    }
    const match = random.pick(types);
    const indent = match[1]! + (match[2] ? '  ' : '');
    const lineEnd = match.index! + match[0].length;
    const extra = random.weighted<string[]>([
      [[`${indent}pattern: ${quote(pattern)}`, `${indent}default: ${quote(longSample)}`, `${indent}examples: [${quote(longSample)}]`], 3],
      [[`${indent}pattern: ${quote(pattern)}`, `${indent}format: regex`, `${indent}const: ${quote(longSample)}`], 1],
    ]);
    return insertAt(text, lineEnd, `\n${extra.join('\n')}`);
  },
};

const yamlSpecials: Mutator = {
  name: 'yaml-specials',
  weight: 5,
  apply(text, random) {
    const piece = random.pick([
      'x-tag: !!binary aGVsbG8=\n',
      'x-evil: !!python/object/apply:os.system ["true"]\n',
      'x-alias: *undefinedAnchor\n',
      'x-merge:\n  <<: [*a, *b]\n',
      '%YAML 1.1\n---\n',
      '---\nsecond: document\n',
      '...\n',
      '? [complex, key]\n: value\n',
      'x-anchor: &anchor\n  self: *anchor\n',
      'x-dup: 1\nx-dup: 2\n',
      'x-long-key-' + 'k'.repeat(2000) + ': 1\n',
      '"\\uD800": "\\u0000"\n',
    ]);
    return insertAt(text, randomLineStart(text, random), piece);
  },
};

const splice: Mutator = {
  name: 'splice',
  weight: 6,
  apply(text, random, context) {
    if (context.donors.length === 0) return text;
    const donor = random.pick(context.donors);
    const start = random.below(donor.length);
    const piece = donor.slice(start, start + random.between(1, 2000));
    return insertAt(text, random.below(text.length + 1), piece);
  },
};

const truncate: Mutator = {
  name: 'truncate',
  weight: 3,
  apply(text, random) {
    return random.chance(0.1) ? random.pick(['', ' ', '\n', '\t', '---', '{}', '[]', 'null', '~']) : text.slice(0, random.below(text.length + 1));
  },
};

export const MUTATORS: readonly Mutator[] = [byteEdits, lineEdits, indentation, aliasBomb, deepNesting, hugeString, controlCharacters, hostileRefs, hostilePatterns, yamlSpecials, splice, truncate];

const WEIGHTED_MUTATORS = MUTATORS.map((mutator) => [mutator, mutator.weight] as const);

/** One to three mutators in a row; returns the text and the names of the mutators applied. */
export function mutate(text: string, random: SeededRandom, context: MutationContext): { text: string; applied: string[] } {
  const applied: string[] = [];
  let result = text;
  for (let round = random.weighted([[1, 6], [2, 3], [3, 1]] as const); round > 0; round--) {
    const mutator = random.weighted(WEIGHTED_MUTATORS);
    result = mutator.apply(result, random, context);
    applied.push(mutator.name);
  }
  return { text: result, applied };
}
