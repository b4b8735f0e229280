import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver-types';
import type { Cancellation, Engine } from '../engine';
import { rangeOfPath, type JsonPath } from '../text/paths';
import { childString, childValue, objectProperties } from '../text/tree';
import { SYMBOL_KINDS } from './documentSymbols';
import { WorkspaceReader } from './workspaceReader';

/** At most this many symbols are answered; typing more of the query narrows them. */
const MAX_SYMBOLS = 1000;

interface Candidate {
  name: string;
  kind: SymbolKind;
  container: string;
  uri: string;
  path: JsonPath;
}

/**
 * Workspace symbols: the servers, channels (by key and by address), operations, messages and
 * schemas of every indexed AsyncAPI document, and the workspace's schema files, matched by the
 * query's characters in order (as editors match symbol names).
 */
export async function workspaceSymbols(engine: Engine, query: string, token?: Cancellation): Promise<WorkspaceSymbol[]> {
  engine.indexOpenDocuments();
  const reader = new WorkspaceReader(engine, token);
  const matches: Candidate[] = [];
  const accept = (candidate: Candidate) => {
    if (matches.length < MAX_SYMBOLS && fuzzyMatch(query, candidate.name)) matches.push(candidate);
  };
  for (const entry of engine.index.all()) {
    reader.checkCancelled();
    if (matches.length >= MAX_SYMBOLS) break;
    const application = entry.application;
    if (application) {
      const container = application.title;
      for (const server of application.servers) accept({ name: server.key, kind: SymbolKind.Module, container, uri: entry.uri, path: server.path });
      for (const channel of application.channels) {
        accept({ name: channel.key, kind: SymbolKind.Interface, container, uri: entry.uri, path: channel.path });
        if (channel.address !== undefined && channel.address !== channel.key) accept({ name: channel.address, kind: SymbolKind.Interface, container: `${container} · ${channel.key}`, uri: entry.uri, path: channel.path });
        for (const message of channel.messages) if (!message.ref) accept({ name: message.name, kind: SymbolKind.Event, container: `${container} · ${channel.key}`, uri: entry.uri, path: message.path });
      }
      for (const operation of application.operations) accept({ name: operation.key, kind: SymbolKind.Function, container, uri: entry.uri, path: operation.path });
      for (const message of application.componentMessages) accept({ name: message.key, kind: SymbolKind.Event, container, uri: entry.uri, path: message.path });
      // Component schemas are not in the index's model: read them from the tree (cached per version).
      const file = await reader.load(entry.uri);
      const schemas = childValue(childValue(file?.tree.root, 'components'), 'schemas');
      for (const key of objectProperties(schemas).keys()) accept({ name: key, kind: SYMBOL_KINDS.schemas!, container, uri: entry.uri, path: ['components', 'schemas', key] });
      continue;
    }
    if (entry.kind.kind === 'json-schema' || entry.kind.kind === 'avro') {
      const file = await reader.load(entry.uri);
      const root = file?.tree.root;
      const fileName = decodeURIComponent(entry.uri.slice(entry.uri.lastIndexOf('/') + 1));
      const name = childString(root, 'title') ?? childString(root, 'name') ?? fileName;
      accept({ name, kind: SymbolKind.Struct, container: fileName, uri: entry.uri, path: [] });
      for (const definitions of ['definitions', '$defs']) {
        for (const key of objectProperties(childValue(root, definitions)).keys()) accept({ name: key, kind: SymbolKind.Struct, container: fileName, uri: entry.uri, path: [definitions, key] });
      }
    }
  }
  const result: WorkspaceSymbol[] = [];
  for (const match of matches) {
    const file = await reader.load(match.uri);
    if (!file) continue;
    const range = match.path.length === 0 ? file.source.rangeAt(0, 0) : rangeOfPath(file.source, file.tree.root, match.path, 'key');
    result.push({ name: match.name, kind: match.kind, containerName: match.container, location: { uri: match.uri, range } });
  }
  return result;
}

/** The query's characters appear in the name in order, ignoring case (`opl` matches `orderPlaced`). */
export function fuzzyMatch(query: string, name: string): boolean {
  if (query === '') return true;
  const lowerName = name.toLowerCase();
  let position = 0;
  for (const character of query.toLowerCase()) {
    if (character === ' ') continue;
    position = lowerName.indexOf(character, position);
    if (position < 0) return false;
    position++;
  }
  return true;
}
