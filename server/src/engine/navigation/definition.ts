import type { LocationLink, Position } from 'vscode-languageserver-types';
import type { Cancellation, Engine } from '../engine';
import { childString, childValue, type TreeNode } from '../text/tree';
import { cursorTarget } from './cursorTarget';
import { openNavigationDocument, type NavigationDocument } from './navigationDocument';
import { linkTo, nodeRange } from './nodeRanges';
import { protoDefinition, protoPayloadDefinition } from './protoNavigation';
import { locateNode, locateRef, locationOf, refTarget } from './refLocations';
import { expressionTargets } from './runtimeExpressions';

/**
 * Go to Definition: from a `$ref` to the exact node its pointer names (in this file or another,
 * following references met along the pointer); from a key whose value is a reference (an
 * operation's `channel`, a message's `payload`) or a list of them (an operation's `messages`)
 * to their targets; from a runtime expression to the schema field it reads; from an address
 * `{parameter}` to its definition. On a definition's own key it answers that key, which editors
 * turn into "find references".
 */
export async function findDefinition(engine: Engine, uri: string, position: Position, token?: Cancellation): Promise<LocationLink[]> {
  const document = await openNavigationDocument(engine, uri, token, { index: false });
  if (!document) return [];
  const offset = document.file.source.offsetAt(position);
  if (document.kind.kind === 'protobuf') return protoDefinition(document.reader, document.file, offset);
  const target = cursorTarget(document, offset);
  if (!target) return [];
  const { reader, file } = document;
  switch (target.kind) {
    case 'ref': {
      const referenced = refTarget(reader, file, target.ref);
      const referencedFile = referenced.kind === 'file' && referenced.path.length === 0 ? await reader.load(referenced.uri) : undefined;
      if (referencedFile && reader.engine.kindOf(referencedFile).kind === 'protobuf') return protoPayloadDefinition(reader, referencedFile.uri, nodeRange(file, target.node));
      const located = await reader.settle(() => locateRef(reader, file, target.ref));
      return located ? [linkTo(located, nodeRange(file, target.node))] : [];
    }
    case 'definition':
      return [linkTo(locationOf(file, target.keyNode.parent!.children![1] ?? target.keyNode), nodeRange(file, target.keyNode))];
    case 'key': {
      const value = target.keyNode.parent?.children?.[1];
      const refs = referencesIn(value);
      if (refs.length === 0) return [];
      const origin = nodeRange(file, target.keyNode);
      const located = await reader.settle(() => refs.map((ref) => locateRef(reader, file, ref)));
      return located.flatMap((location) => (location ? [linkTo(location, origin)] : []));
    }
    case 'runtimeExpression': {
      const targets = await reader.settle(() => expressionTargets(document, target.path, target.expression));
      const origin = nodeRange(file, target.node);
      const links = await reader.settle(() =>
        targets.map((found) => {
          const at = found.field?.definition ?? (target.expression.pointer.length === 0 ? found.schema : undefined);
          return at ? locateNode(reader, at.uri, at.path) : undefined;
        }),
      );
      return dedupe(links.flatMap((location) => (location ? [linkTo(location, origin)] : [])));
    }
    case 'addressParameter': {
      const parameter = await parameterDefinition(document, target.channelPath, target.name);
      return parameter ? [linkTo(parameter, file.source.rangeAt(target.start, target.end - target.start))] : [];
    }
    default:
      return [];
  }
}

/** The `$ref`s a value is made of: a reference object, or a list of them. */
function referencesIn(value: TreeNode | undefined): string[] {
  const own = childString(value, '$ref');
  if (own !== undefined) return [own];
  if (value?.type !== 'array') return [];
  return (value.children ?? []).flatMap((item) => {
    const ref = childString(item, '$ref');
    return ref !== undefined ? [ref] : [];
  });
}

async function parameterDefinition(document: NavigationDocument, channelPath: ReadonlyArray<string | number>, name: string) {
  const { reader, file } = document;
  return reader.settle(() => {
    const channel = locateNode(reader, file.uri, channelPath);
    if (!channel || !childValue(childValue(channel.node, 'parameters'), name)) return undefined;
    return locateNode(reader, file.uri, [...channelPath, 'parameters', name]);
  });
}

function dedupe(links: LocationLink[]): LocationLink[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    const key = `${link.targetUri}:${link.targetSelectionRange.start.line}:${link.targetSelectionRange.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
