import type { FileStore } from '../workspace/fileStore';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

/**
 * What the graph reads: the workspace index and the files, within the size limit. The engine is
 * one; naming only this keeps the graph below the engine instead of importing it back.
 */
export interface GraphSource {
  readonly index: WorkspaceIndex;
  readonly files: FileStore;
  getSettings(): { maxFileSize: number };
}
