import type { Range } from 'vscode-languageserver-types';
import { LineTable } from './lineTable';

/** The text formats the engine parses. `unknown` files are only looked at by name. */
export type TextFormat = 'yaml' | 'json' | 'jsonc' | 'unknown';

/**
 * One version of one file's text, as the engine sees it: the editor's unsaved text for open
 * documents, the disk content otherwise. Immutable; a new version is a new SourceFile.
 */
export class SourceFile {
  private readonly lines: LineTable;

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly version: number,
    readonly format: TextFormat,
  ) {
    this.lines = new LineTable(text);
  }

  /**
   * Every range the engine reports is made here: an offset that is not a number (a tree node of
   * broken YAML without a length) becomes the start of the file rather than a `null` character in
   * a protocol message, which clients reject (the fuzz tier found one in a code lens).
   */
  positionAt(offset: number) {
    return this.lines.positionAt(Number.isFinite(offset) ? offset : 0);
  }

  offsetAt(position: { line: number; character: number }) {
    return this.lines.offsetAt(position);
  }

  rangeAt(offset: number, length: number): Range {
    const start = Number.isFinite(offset) ? offset : 0;
    return { start: this.positionAt(start), end: this.positionAt(start + (Number.isFinite(length) ? length : 0)) };
  }

  get lineCount() {
    return this.lines.lineCount;
  }
}

/** Decides the text format from the file name, falling back to sniffing the first character. */
export function formatOf(uri: string, text?: string): TextFormat {
  const lower = uri.toLowerCase();
  if (/\.(ya?ml)$/.test(lower)) return 'yaml';
  if (/\.(jsonc)$/.test(lower)) return 'jsonc';
  if (/\.(json|avsc)$/.test(lower)) return 'json';
  // Protobuf is read by its own parser (protobuf/protoSource.ts), never as JSON, even when it starts with a brace.
  if (lower.endsWith('.proto')) return 'unknown';
  if (text !== undefined) {
    const first = text.trimStart()[0];
    if (first === '{' || first === '[') return 'json';
  }
  return 'unknown';
}
