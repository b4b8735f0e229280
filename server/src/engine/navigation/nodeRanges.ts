import type { Location, LocationLink, Range } from 'vscode-languageserver-types';
import type { TreeNode } from '../text/tree';
import type { LoadedFile } from '../workspace/fileStore';
import type { NodeLocation } from './refLocations';

/**
 * Where a definition is, as an editor wants it: the whole entry (key and value) and the part to
 * select (its key, or the start of a list item or of a whole file).
 */
export function definitionRanges(file: LoadedFile, node: TreeNode): { range: Range; selection: Range } {
  const source = file.source;
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const key = property?.children?.[0];
  if (property && key) return { range: source.rangeAt(property.offset, property.length), selection: source.rangeAt(key.offset, key.length) };
  if (!node.parent) {
    // A whole file: the link lands at its start.
    return { range: source.rangeAt(0, source.text.length), selection: source.rangeAt(node.offset, 0) };
  }
  return { range: source.rangeAt(node.offset, node.length), selection: source.rangeAt(node.offset, firstLineLength(source.text, node)) };
}

function firstLineLength(text: string, node: TreeNode) {
  const newline = text.indexOf('\n', node.offset);
  const end = newline < 0 || newline > node.offset + node.length ? node.offset + node.length : newline;
  return Math.max(0, end - node.offset);
}

export function linkTo(location: NodeLocation, origin?: Range): LocationLink {
  const { range, selection } = definitionRanges(location.file, location.node);
  return { originSelectionRange: origin, targetUri: location.uri, targetRange: range, targetSelectionRange: selection };
}

/** A location at a definition's key (or the item, or the file start). */
export function locationAt(location: NodeLocation): Location {
  return { uri: location.uri, range: definitionRanges(location.file, location.node).selection };
}

/** The range of a node's text. */
export function nodeRange(file: LoadedFile, node: TreeNode): Range {
  return file.source.rangeAt(node.offset, node.length);
}

/** The range of a string node's content, without its quotes. */
export function stringContentRange(file: LoadedFile, node: TreeNode): { offset: number; length: number } {
  const first = file.source.text[node.offset];
  if ((first === '"' || first === "'") && node.length >= 2) return { offset: node.offset + 1, length: node.length - 2 };
  return { offset: node.offset, length: node.length };
}
