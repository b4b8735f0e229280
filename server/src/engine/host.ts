/**
 * Everything the engine needs from the outside world. The language server, the CLI and the
 * tests each implement it; the engine itself touches no file system, process or network.
 */
export interface EngineHost {
  /**
   * The text of a file: for files open in an editor, their unsaved text; otherwise the disk
   * content. Undefined when the file does not exist or cannot be read as text.
   */
  readFile(uri: string): Promise<string | undefined>;
  /** Fetches a remote document. Only called when the settings allow remote references. */
  fetchRemote?(url: string): Promise<string>;
  /** Milliseconds since an arbitrary origin; used for budgets, never for results. */
  now(): number;
}
