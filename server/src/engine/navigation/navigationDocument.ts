import type { Cancellation, Engine } from '../engine';
import type { TreeNode } from '../text/tree';
import type { FileKind } from '../workspace/fileKind';
import type { LoadedFile } from '../workspace/fileStore';
import { WorkspaceReader } from './workspaceReader';

/** The document a navigation request is about, with the reader that follows its references. */
export interface NavigationDocument {
  reader: WorkspaceReader;
  file: LoadedFile;
  root: TreeNode | undefined;
  kind: FileKind;
  /** Set for AsyncAPI documents: 2 or 3. */
  major?: 2 | 3;
}

/**
 * Opens a document for a navigation request: the editor's current text, parsed once per version
 * (the engine's file store keeps the tree), and the index brought up to date with open editors
 * unless the request reads nothing of the index that an edit of an open document changes
 * (`index: false`: the outline, semantic tokens, lens places run on every edit).
 */
export async function openNavigationDocument(engine: Engine, uri: string, token?: Cancellation, options: { index: boolean } = { index: true }): Promise<NavigationDocument | undefined> {
  const reader = new WorkspaceReader(engine, token);
  const file = await reader.load(uri);
  if (!file) return undefined;
  if (options.index) engine.indexOpenDocuments();
  const kind = engine.kindOf(file);
  return { reader, file, root: file.tree.root, kind, major: kind.kind === 'asyncapi' ? kind.major : undefined };
}
