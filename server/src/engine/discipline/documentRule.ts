import type { TextEdit } from '../edits/documentEdits';
import type { PathFinding } from '../findings/finding';
import type { RuleDefinition } from '../rules/rule';
import type { SchemaSource } from '../schemas/bundle';
import type { JsonPath } from '../text/paths';
import type { ApplicationModel } from '../workspace/applicationModel';
import type { LoadedFile } from '../workspace/fileStore';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { MessageView } from './messageView';

/** A finding of a document rule; `data` carries what its fixes need (a suggested name…). */
export interface RuleFinding extends PathFinding {
  data?: Record<string, unknown>;
}

/** Everything a document rule may look at. */
export interface RuleContext {
  uri: string;
  file: LoadedFile;
  /** The document's plain value. */
  document: Record<string, unknown>;
  major: 2 | 3;
  version: string;
  application: ApplicationModel;
  /** The messages of the document, references followed and traits applied. */
  messages: MessageView[];
  /** Options of this rule from the governing configuration (`rules: { id: { severity, … } }`). */
  options: Record<string, unknown>;
  /** Plain values of the document and the files it reaches. */
  read: SchemaSource;
  schemaIds: ReadonlyMap<string, string>;
  index: WorkspaceIndex;
}

/** A change to the workspace that a fix makes: edits per file. */
export type WorkspaceEdits = Map<string, TextEdit[]>;

/** One quick fix. */
export interface Fix {
  title: string;
  edits: WorkspaceEdits;
  /**
   * Why applying it breaks existing consumers or producers, when it does. Such fixes say so in
   * their title and are never applied by "fix all" or `check --fix`.
   */
  breaking?: string;
  /** The fix an editor offers first. */
  preferred?: boolean;
  /**
   * Breaks nobody, but should be a person's decision (removing an unused component that may be a
   * draft): offered as a quick fix, never applied by "fix all" or `check --fix`.
   */
  manualOnly?: boolean;
  /** The fix creates this file (its edits insert the whole text). */
  createsFile?: string;
}

/** What a fix may use: the rule's context and the files it can edit. */
export interface FixContext extends RuleContext {
  /** The file at `uri`, for edits in other files (a rename across the workspace). */
  fileAt(uri: string): Promise<LoadedFile | undefined>;
  /** The .event-design.yaml that governs the file (or where one would be created). */
  configTarget?: { uri: string; name: string };
}

/**
 * A rule the engine runs itself on AsyncAPI documents: one file each, with its check, its fixes
 * and its metadata (see rules/rule.ts). Checks are cheap and run with the fast checks.
 */
export interface DocumentRule extends RuleDefinition {
  check(context: RuleContext): RuleFinding[];
  fixes?(finding: RuleFinding, context: FixContext): Promise<Fix[]> | Fix[];
}

export function isDocumentRule(rule: RuleDefinition): rule is DocumentRule {
  return typeof (rule as Partial<DocumentRule>).check === 'function';
}

/** Path helpers rules share. */
export function samePath(a: JsonPath, b: JsonPath) {
  return a.length === b.length && a.every((segment, index) => String(segment) === String(b[index]));
}
