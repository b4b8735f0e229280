/**
 * Where each character of a string value is written in the file, so that a problem found inside
 * the value (proto source in a YAML block scalar, in a quoted string with `\n` escapes, in a JSON
 * string) is shown at its own characters.
 *
 * `offsets[i]` is the file offset of `value[i]`, and `offsets[value.length]` is where the value
 * ends. Supported: YAML literal (`|`, `|-`, `|+`, with an indentation indicator or not) and folded
 * (`>` and its variants: a line break the folding turned into a space maps to the break) block
 * scalars, double-quoted strings with their escapes (JSON's too) and line folding, single-quoted
 * strings, plain scalars. The mapping is built from the written text and then checked against
 * the parsed value: anything it does not reproduce exactly (a tab-indented block, an escape it
 * does not know) gives undefined, and the caller places the problem on the whole node instead.
 */
export function stringValueOffsets(text: string, node: { offset: number; length: number }, value: string): number[] | undefined {
  const raw = text.slice(node.offset, node.offset + node.length);
  const first = raw[0];
  let decoded: { chars: string; offsets: number[] } | undefined;
  if (first === '"' || first === "'") decoded = decodeQuoted(raw, first);
  else if (first === '|' || first === '>') decoded = alignBlock(raw, value);
  else decoded = alignLines(linesOf(raw, 0).map(trimmed), value);
  if (!decoded || decoded.chars !== value) return undefined;
  return [...decoded.offsets.map((offset) => node.offset + offset), node.offset + (decoded.offsets.length > 0 ? decoded.offsets[decoded.offsets.length - 1]! + 1 : raw.length)];
}

interface Decoded {
  chars: string;
  offsets: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A quoted scalar: escapes (double quotes) or `''` (single quotes), and YAML's line folding. */
function decodeQuoted(raw: string, quote: '"' | "'"): Decoded | undefined {
  let chars = '';
  const offsets: number[] = [];
  const push = (text: string, offset: number) => {
    chars += text;
    for (let index = 0; index < text.length; index++) offsets.push(offset);
  };
  let index = 1;
  while (index < raw.length) {
    const char = raw[index]!;
    if (char === quote) {
      if (quote === "'" && raw[index + 1] === "'") {
        push("'", index);
        index += 2;
        continue;
      }
      return { chars, offsets };
    }
    if (quote === '"' && char === '\\') {
      const escape = raw[index + 1];
      if (escape === undefined) return undefined;
      if (escape === '\n' || escape === '\r') {
        // An escaped line break joins the lines: it and the next line's indentation vanish.
        index = skipBlanks(raw, index + 1 + (raw.startsWith('\r\n', index + 1) ? 2 : 1));
        continue;
      }
      const digits = HEX_ESCAPES[escape];
      if (digits !== undefined) {
        const hex = raw.slice(index + 2, index + 2 + digits);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
        push(String.fromCodePoint(parseInt(hex, 16)), index);
        index += 2 + digits;
        continue;
      }
      const simple = SIMPLE_ESCAPES[escape];
      if (simple === undefined) return undefined;
      push(simple, index);
      index += 2;
      continue;
    }
    if (char === '\n' || char === '\r') {
      // Line folding: trailing blanks go, one break becomes a space, n+1 breaks become n.
      while (chars.length > 0 && (chars.endsWith(' ') || chars.endsWith('\t')) && raw[offsets[offsets.length - 1]!] !== '\\') {
        chars = chars.slice(0, -1);
        offsets.pop();
      }
      const breakAt = index;
      let breaks = 0;
      while (index < raw.length && (raw[index] === '\n' || raw[index] === '\r' || raw[index] === ' ' || raw[index] === '\t')) {
        if (raw[index] === '\n') breaks++;
        index++;
      }
      push(breaks === 1 ? ' ' : '\n'.repeat(breaks - 1), breakAt);
      continue;
    }
    push(char, index);
    index++;
  }
  return undefined;
}

function skipBlanks(raw: string, index: number) {
  while (raw[index] === ' ' || raw[index] === '\t') index++;
  return index;
}

interface Line {
  start: number;
  content: string;
}

/** The lines of `text` from `from` on, each with its offset, without line ends. */
function linesOf(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  for (const line of text.slice(from).split('\n')) {
    lines.push({ start, content: line.replace(/\r$/, '') });
    start += line.length + 1;
  }
  return lines;
}

function leadingSpaces(text: string) {
  return text.length - text.trimStart().length;
}

function trimmed(line: Line): Line {
  const leading = line.content.length - line.content.trimStart().length;
  return { start: line.start + leading, content: line.content.trim() };
}

/** A block scalar: its header, then lines at the block's indentation. */
function alignBlock(raw: string, value: string): Decoded | undefined {
  const headerEnd = raw.indexOf('\n');
  if (headerEnd < 0) return value === '' ? { chars: '', offsets: [] } : undefined;
  const lines = linesOf(raw, headerEnd + 1);
  const firstContent = lines.find((line) => line.content.trim() !== '');
  if (!firstContent) return value.trim() === '' ? { chars: value, offsets: [...value].map(() => headerEnd) } : undefined;
  // An indentation indicator counts from the parent's indentation, which the node does not
  // hold: the value's own first line tells how many of the written spaces are content.
  const firstValueLine = value.split('\n').find((line) => line.trim() !== '') ?? '';
  const indent = leadingSpaces(firstContent.content) - leadingSpaces(firstValueLine);
  if (indent < 0) return undefined;
  // The parser's node ends where the block does; a block indented with tabs is not YAML.
  if (/\t/.test(firstContent.content.slice(0, indent))) return undefined;
  return alignLines(
    lines.map((line) => ({ start: line.start + Math.min(indent, line.content.length), content: line.content.slice(indent) })),
    value,
  );
}

/**
 * Finds each written line's text in the value, in order, with only line breaks and spaces
 * between (what literal and folded blocks and plain scalars put there); those map to the end of
 * the line before.
 */
function alignLines(lines: Line[], value: string): Decoded | undefined {
  const offsets: number[] = [];
  let position = 0;
  let previousEnd = lines[0]?.start ?? 0;
  for (const line of lines) {
    if (line.content.trim() === '') continue;
    const found = value.indexOf(line.content, position);
    if (found < 0 || !/^[\n ]*$/.test(value.slice(position, found))) return undefined;
    for (; position < found; position++) offsets.push(previousEnd);
    for (let index = 0; index < line.content.length; index++) offsets.push(line.start + index);
    position = found + line.content.length;
    previousEnd = line.start + line.content.length;
  }
  if (!/^[\n ]*$/.test(value.slice(position))) return undefined;
  for (; position < value.length; position++) offsets.push(previousEnd);
  return { chars: value, offsets };
}
