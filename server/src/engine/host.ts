/** Which earlier version of a file changes are judged against. */
export type BaselineSpec =
  /** The file at a git ref (HEAD, origin/main, a tag…). */
  | { kind: 'ref'; ref: string }
  /** The file where the current branch forked from a ref (what a pull request is compared with). */
  | { kind: 'merge-base'; ref: string }
  /** The file as last saved on disk (edits not yet saved are what changed). */
  | { kind: 'saved' };

/** One earlier version of a file. */
export interface BaselineVersion {
  text: string;
  /** How to name it to a person: "HEAD (3f2a1c9)", "last saved". */
  label: string;
}

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
  /**
   * False for a file the host will not read at all (outside the workspace folders of an untrusted
   * workspace): a reference to it is reported as such rather than as a missing file. Absent: all.
   */
  mayRead?(uri: string): Promise<boolean>;
  /**
   * A file's size in bytes, learnt without reading it, so that a file above the size limit is
   * never read. Undefined when unknown; hosts without it have every file read.
   */
  fileSize?(uri: string): Promise<number | undefined>;
  /** Fetches a remote document. Only called when the settings allow remote references. */
  fetchRemote?(url: string): Promise<string>;
  /** Milliseconds since an arbitrary origin; used for budgets, never for results. */
  now(): number;
  /**
   * The file at the baseline; undefined when there is none (a new file, no git, an untrusted
   * workspace). Hosts run git only in trusted workspaces.
   */
  baseline?(uri: string, spec: BaselineSpec): Promise<BaselineVersion | undefined>;
  /** Earlier committed versions of a file, newest first, for transitive modes. */
  history?(uri: string, limit: number): Promise<BaselineVersion[]>;
}
