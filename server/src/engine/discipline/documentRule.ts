import type { TextEdit } from '../edits/documentEdits';
import type { PathFinding } from '../findings/finding';
import type { RuleDefinition } from '../rules/rule';
import type { SchemaSource } from '../schemas/bundle';
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

/**
 * What a rule may look at when it judges one message (`DocumentRule.checkMessage`): less than a
 * `RuleContext` on purpose, since its findings are kept until one of these changes (see
 * messageRuleMemo.ts). Other content is read through `locate`/`dereference` (schemas/bundle.ts),
 * never by reading a whole file.
 */
export interface MessageRuleContext extends Pick<RuleContext, 'uri' | 'major' | 'version' | 'options' | 'read' | 'schemaIds'> {
  /** The operations that use the message (whether they expect a reply makes it a command). */
  application: Pick<ApplicationModel, 'operations'>;
  /** What the rule's `messageInputs` gave for this message. */
  inputs?: unknown;
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
  /** What the rule finds in the document as a whole (after `checkMessage`'s findings, if any). */
  check?(context: RuleContext): RuleFinding[];
  /**
   * What the rule finds judging one message alone: run for each message, and kept per message
   * while what it reads is unchanged, so an edit re-checks only the messages it touched. Where
   * several messages reach one schema, the first message's finding at a place stands.
   */
  checkMessage?(message: MessageView, context: MessageRuleContext): RuleFinding[];
  /**
   * What `checkMessage` needs of the rest of the document (the channels that carry the message,
   * what the other messages on them key on), worked out once per check and handed to it as
   * `context.inputs`: plain data, compared by value, so a message's findings are kept only while
   * its inputs are equal too.
   */
  messageInputs?(context: RuleContext): (message: MessageView) => unknown;
  /**
   * Makes the document's findings of the messages' findings (in message order), where a place
   * several messages reach must say what all of them show (the values their examples give a
   * property). Without it, the first message's finding at a place stands.
   */
  combineMessageFindings?(perMessage: readonly RuleFinding[][]): RuleFinding[];
  fixes?(finding: RuleFinding, context: FixContext): Promise<Fix[]> | Fix[];
}

export function isDocumentRule(rule: RuleDefinition): rule is DocumentRule {
  const candidate = rule as Partial<DocumentRule>;
  return typeof candidate.check === 'function' || typeof candidate.checkMessage === 'function';
}

