import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Location, LocationLink, Position, Range } from 'vscode-languageserver-types';
import { applyEdits } from '../../../server/src/engine/edits/applyEdits';
import type { TextEdit } from '../../../server/src/engine/edits/documentEdits';
import { DEFAULT_SETTINGS, Engine } from '../../../server/src/engine/engine';
import { SourceFile, formatOf } from '../../../server/src/engine/text/sourceFile';
import { findRepoRoot } from '../../grammar/repoRoot';
import { MemoryHost } from '../support/memoryHost';
import { loadWorkspace } from '../support/workspaceFixture';

/**
 * A small workspace for the navigation features. Files may hold cursor markers `⟦name⟧`: they
 * are removed from the text, and `at(file, name)` is where they were.
 */
export interface NavigationWorkspace {
  engine: Engine;
  host: MemoryHost;
  rootUri: string;
  uri(name: string): string;
  text(name: string): string;
  /** A marker's position in a file. */
  at(name: string, marker: string): Position;
  /** The position of `offset` characters into the first occurrence of `needle` in a file. */
  find(name: string, needle: string, offset?: number, occurrence?: number): Position;
  /** `file:line:col` (1-based) of a location, relative to the workspace. */
  describe(uri: string, range: Range | Position): string;
}

const MARKER = /⟦([\w-]+)⟧/g;

export async function navigationWorkspace(files: Record<string, string>): Promise<NavigationWorkspace> {
  const rootUri = 'file:///workspace';
  const host = new MemoryHost();
  const markers = new Map<string, Map<string, number>>();
  for (const [name, marked] of Object.entries(files)) {
    const positions = new Map<string, number>();
    let text = '';
    let last = 0;
    for (const match of marked.matchAll(MARKER)) {
      text += marked.slice(last, match.index);
      positions.set(match[1]!, text.length);
      last = match.index! + match[0].length;
    }
    text += marked.slice(last);
    host.files.set(`${rootUri}/${name}`, text);
    markers.set(name, positions);
  }
  const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [rootUri] });
  for (const uri of host.files.keys()) await engine.indexFile(uri);
  return build(engine, host, rootUri, markers);
}

/** The repository's examples/ as the workspace (read-only: tests never write them). */
export async function examplesWorkspace(): Promise<NavigationWorkspace> {
  const loaded = await loadWorkspace(path.join(findRepoRoot(), 'examples'));
  return build(loaded.engine, loaded.host, loaded.rootUri, new Map());
}

function build(engine: Engine, host: MemoryHost, rootUri: string, markers: Map<string, Map<string, number>>): NavigationWorkspace {
  const uri = (name: string) => `${rootUri}/${name}`;
  const text = (name: string) => {
    const found = host.files.get(uri(name));
    assert.ok(found !== undefined, `no file ${name} in the test workspace`);
    return found;
  };
  const positionOf = (name: string, offset: number) => new SourceFile(uri(name), text(name), 0, formatOf(uri(name))).positionAt(offset);
  return {
    engine,
    host,
    rootUri,
    uri,
    text,
    at(name, marker) {
      const offset = markers.get(name)?.get(marker);
      assert.ok(offset !== undefined, `no marker ⟦${marker}⟧ in ${name}`);
      return positionOf(name, offset);
    },
    find(name, needle, offset = 0, occurrence = 0) {
      const content = text(name);
      let index = -1;
      for (let count = 0; count <= occurrence; count++) {
        index = content.indexOf(needle, index + 1);
        assert.ok(index >= 0, `"${needle}" (occurrence ${occurrence}) not found in ${name}`);
      }
      return positionOf(name, index + offset);
    },
    describe(target, range) {
      const start = 'start' in range ? range.start : range;
      const file = target.startsWith(rootUri + '/') ? target.slice(rootUri.length + 1) : target;
      return `${file}:${start.line + 1}:${start.character + 1}`;
    },
  };
}

export function describeLocations(workspace: NavigationWorkspace, locations: Array<Location | LocationLink>): string[] {
  return locations.map((location) => ('targetUri' in location ? workspace.describe(location.targetUri, location.targetSelectionRange) : workspace.describe(location.uri, location.range)));
}

/** The texts of the edited files after applying edits, by file name. */
export function applyWorkspaceEdits(workspace: NavigationWorkspace, edits: Map<string, TextEdit[]>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [uri, list] of edits) {
    const name = uri.slice(workspace.rootUri.length + 1);
    const source = new SourceFile(uri, workspace.text(name), 0, formatOf(uri));
    result[name] = applyEdits(source, list);
  }
  return result;
}

/** The text a range covers in a file of the workspace. */
export function textAt(workspace: NavigationWorkspace, uri: string, range: Range): string {
  const name = uri.slice(workspace.rootUri.length + 1);
  const source = new SourceFile(uri, workspace.text(name), 0, formatOf(uri));
  return source.text.slice(source.offsetAt(range.start), source.offsetAt(range.end));
}
