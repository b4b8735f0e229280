import type { DocumentRule, Fix, FixContext, RuleFinding } from '../discipline/documentRule';
import { kindOptions, messageKind, MESSAGE_KINDS } from '../discipline/messageKind';
import type { MessageView } from '../discipline/messageView';
import { addSchemaKeyword, wholeLines } from '../discipline/schemaKeywordEdits';
import { joinName, readName, splitName, type VerbOptions } from '../discipline/verbForms';
import { composeEdits, renameKey, setValue, type EditableFile, type TextEdit } from '../edits/documentEdits';
import { collectRefSites, resolveRef, valueAtPath } from '../references/refSites';
import { dereference, type SchemaLocation, type SchemaSource } from '../schemas/bundle';
import { pathToPointer, samePath, type JsonPath } from '../text/paths';
import type { LoadedFile } from '../workspace/fileStore';
import { titleFromName } from './messageIdentity';

/** The rule's options beyond those of {@link kindOptions}: how names are read. */
function verbOptionsOf(raw: Record<string, unknown>): VerbOptions {
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  const verbs: Record<string, string | undefined> = {};
  if (raw.verbs && typeof raw.verbs === 'object' && !Array.isArray(raw.verbs)) {
    for (const [verb, participle] of Object.entries(raw.verbs)) verbs[verb.toLowerCase()] = typeof participle === 'string' ? participle : undefined;
  } else for (const verb of strings(raw.verbs)) verbs[verb.toLowerCase()] = undefined;
  return { spelling: raw.spelling === 'american' ? 'american' : 'british', verbs, nouns: strings(raw.nouns).map((noun) => noun.toLowerCase()) };
}

/** Where a message's name is written: `name`, else (2.x) `messageId`, else its key; undefined when it has none. */
function nameSite(view: MessageView): { name: string; path: JsonPath; anchor: 'key' | 'value'; source: 'name' | 'messageId' | 'key' | 'trait' } | undefined {
  if (typeof view.own.name === 'string') return { name: view.own.name, path: [...view.definition.path, 'name'], anchor: 'value', source: 'name' };
  if (typeof view.value.name === 'string') return { name: view.value.name, path: view.definition.path, anchor: 'key', source: 'trait' };
  if (typeof view.own.messageId === 'string') return { name: view.own.messageId, path: [...view.definition.path, 'messageId'], anchor: 'value', source: 'messageId' };
  const key = definitionKey(view.definition.path);
  return key === undefined ? undefined : { name: key, path: view.definition.path, anchor: 'key', source: 'key' };
}

/** The key a message is defined under, when it is one (not a 2.x `message` or a `oneOf` index). */
function definitionKey(path: JsonPath): string | undefined {
  const last = path[path.length - 1];
  return typeof last === 'string' && !/^\d+$/.test(last) && last !== 'message' ? last : undefined;
}

export const eventNamePastTense: DocumentRule = {
  id: 'event-name-past-tense',
  defaultSeverity: 'info',
  strictSeverity: 'warning',
  rationale: 'An event records a fact that already happened (OrderPlaced), for any number of consumers; a name in the imperative (PlaceOrder) reads as a command to one receiver, and consumers misread what the message means.',
  category: 'discipline',
  origin: 'event-design',
  checkMessage(view, context) {
    // Which messages are events is decided in one place, with the same options, for every rule that asks.
    const kinds = kindOptions(context.options);
    const findings: RuleFinding[] = [];
    const site = nameSite(view);
    if (!site) return findings;
    const uri = view.definition.uri === context.uri ? undefined : view.definition.uri;
    const verdict = messageKind({ ...view, name: site.name }, context, kinds);
    if (verdict.unknownMarker) {
      findings.push({
        ruleId: this.id,
        uri,
        message: `${kinds.eventKindExtension} "${verdict.unknownMarker.value}" is not one of ${MESSAGE_KINDS.join(', ')}: message "${site.name}" is checked as an event`,
        path: verdict.unknownMarker.path,
      });
    }
    if (verdict.kind !== 'event') return findings;
    const reading = readName(site.name, verbOptionsOf(context.options));
    if (reading.kind !== 'command') return findings;
    const where = reading.position === 'end' ? `ends with the verb "${reading.verb}"` : reading.position === 'only' ? `is the verb "${reading.verb}"` : `starts with the verb "${reading.verb}"`;
    findings.push({
      ruleId: this.id,
      uri,
      message: `Message name "${site.name}" ${where}, an instruction, not a fact that happened: consumers of an event need to know what occurred. Name it "${reading.suggestion}", or if it is a command, mark it with ${kinds.eventKindExtension}: command`,
      path: site.path,
      anchor: site.anchor,
      data: { definition: { uri: view.definition.uri, path: view.definition.path }, oldName: site.name, newName: reading.suggestion, nameSource: site.source },
    });
    return findings;
  },
  async fixes(finding, context) {
    const data = finding.data as { definition?: SchemaLocation; oldName?: string; newName?: string; nameSource?: string } | undefined;
    if (!data?.definition || !data.oldName || !data.newName) return [];
    const view = context.messages.find((candidate) => candidate.definition.uri === data.definition!.uri && samePath(candidate.definition.path, data.definition!.path));
    if (!view) return [];
    const fixes: Fix[] = [];
    const edits = await renameEverywhere(view, data.oldName, data.newName, context);
    if (edits.size > 0) {
      fixes.push({
        title: `Rename message "${data.oldName}" to "${data.newName}" ${edits.size === 1 ? 'in 1 file' : `in ${edits.size} files`}`,
        edits,
        breaking: `consumers that match on the old name "${data.oldName}" (handlers, routing rules, registry subjects, a type header) no longer recognise the message`,
      });
    }
    // Only a person knows whether the message is a command: offered, never applied by "fix all".
    const extension = kindOptions(context.options).eventKindExtension;
    const definition = await context.fileAt(view.definition.uri);
    if (definition) {
      const file = { source: definition.source, root: definition.tree.root };
      fixes.push({
        title: `Mark message "${data.oldName}" as a command (${extension}: command)`,
        edits: new Map([[view.definition.uri, wholeLines(definition.source, addSchemaKeyword(file, view.definition.path, extension, 'command'))]]),
        manualOnly: true,
      });
    }
    return fixes;
  },
};

// --- the rename ----------------------------------------------------------------------------------

/** Files of the workspace read for a rename, with a plain-value source over them. */
class WorkspaceFiles {
  private readonly files = new Map<string, LoadedFile>();

  constructor(private readonly context: FixContext) {}

  async load(): Promise<void> {
    const queue = [...this.context.index.all()].filter((file) => file.kind.kind === 'asyncapi').map((file) => file.uri);
    queue.push(this.context.uri);
    while (queue.length > 0) {
      const uri = queue.shift()!;
      if (this.files.has(uri)) continue;
      const file = await this.context.fileAt(uri);
      if (!file) continue;
      this.files.set(uri, file);
      for (const target of this.context.index.get(uri)?.references ?? []) if (!this.files.has(target)) queue.push(target);
    }
  }

  get(uri: string) {
    return this.files.get(uri);
  }

  uris() {
    return [...this.files.keys()];
  }

  readonly read: SchemaSource = (uri) => {
    const file = this.files.get(uri);
    return file ? { value: file.tree.value() } : undefined;
  };
}

/** A key in a file that the rename changes. */
interface KeyRename {
  uri: string;
  path: JsonPath;
  newKey: string;
}

/**
 * Renames a message everywhere in the workspace: its `name` (and a `messageId` and `title` that
 * spell the old name), its key where the key spells the name, the keys of channels' messages and
 * components that reference it, every `$ref` to those keys in every file, and the copies of the
 * message that other documents declare on the same channel addresses.
 */
async function renameEverywhere(view: MessageView, oldName: string, newName: string, context: FixContext): Promise<Map<string, TextEdit[]>> {
  const files = new WorkspaceFiles(context);
  await files.load();
  const read = files.read;
  const ids = context.schemaIds;
  const steps = new Map<string, { values: Array<(file: EditableFile) => TextEdit[]>; keys: Array<(file: EditableFile) => TextEdit[]> }>();
  const stepsOf = (uri: string) => {
    let entry = steps.get(uri);
    if (!entry) steps.set(uri, (entry = { values: [], keys: [] }));
    return entry;
  };
  const keyRenames: KeyRename[] = [];
  const renameKeyAt = (uri: string, path: JsonPath) => {
    const key = String(path[path.length - 1]);
    if (!spells(key, oldName) || keyRenames.some((rename) => rename.uri === uri && samePath(rename.path, path))) return;
    const newKey = restyle(key, newName);
    keyRenames.push({ uri, path, newKey });
    stepsOf(uri).keys.push((file) => renameKey(file, path, newKey));
  };

  // The definitions: this one, and the copies on the same addresses in other documents.
  const targets: SchemaLocation[] = [view.definition];
  const addresses = new Set(view.uses.map((use) => use.address).filter((address): address is string => !!address));
  for (const application of context.index.applications()) {
    for (const channel of application.channels) {
      if (!channel.address || !addresses.has(channel.address)) continue;
      for (const message of channel.messages) {
        const found = dereference({ uri: application.uri, path: message.path }, read, ids);
        if (!found || !found.value || typeof found.value !== 'object') continue;
        const value = found.value as Record<string, unknown>;
        const name = typeof value.name === 'string' ? value.name : typeof value.messageId === 'string' ? value.messageId : String(found.location.path[found.location.path.length - 1]);
        if (name === oldName && !targets.some((target) => target.uri === found.location.uri && samePath(target.path, found.location.path))) targets.push(found.location);
      }
    }
  }
  for (const target of targets) {
    const value = valueAtPath(read(target.uri)?.value, target.path).value as Record<string, unknown> | undefined;
    if (!value || typeof value !== 'object') continue;
    const values = stepsOf(target.uri).values;
    if (typeof value.name === 'string' && value.name === oldName) values.push((file) => setValue(file, [...target.path, 'name'], newName));
    else if (typeof value.name !== 'string' && typeof view.value.name === 'string' && target === view.definition) values.push((file) => setValue(file, [...target.path, 'name'], newName));
    if (typeof value.messageId === 'string' && spells(value.messageId, oldName)) {
      const messageId = restyle(value.messageId, newName);
      values.push((file) => setValue(file, [...target.path, 'messageId'], messageId));
    }
    if (typeof value.title === 'string' && value.title.trim().toLowerCase() === titleFromName(oldName).toLowerCase()) {
      const title = titleFromName(newName);
      values.push((file) => setValue(file, [...target.path, 'title'], title));
    }
    if (definitionKey(target.path) !== undefined) renameKeyAt(target.uri, target.path);
  }
  // Keys of messages that are references to a renamed definition (channels' messages, components).
  for (const application of context.index.applications()) {
    const entries = [...application.componentMessages, ...application.channels.flatMap((channel) => channel.messages)];
    for (const message of entries) {
      if (!message.ref || message.path[message.path.length - 2] !== 'messages') continue;
      const found = dereference({ uri: application.uri, path: message.path }, read, ids);
      if (found && targets.some((target) => target.uri === found.location.uri && samePath(target.path, found.location.path))) renameKeyAt(application.uri, message.path);
    }
  }
  // Every `$ref` that points at or into a renamed key.
  const touched = new Set(keyRenames.map((rename) => rename.uri));
  const referrers = new Set<string>(touched);
  for (const uri of touched) for (const referrer of context.index.referrersOf(uri)) referrers.add(referrer);
  for (const uri of referrers) {
    const file = files.get(uri) ?? (await context.fileAt(uri));
    if (!file) continue;
    for (const site of collectRefSites(file.tree.root)) {
      const target = resolveRef(site.ref, uri, ids);
      if (target.kind !== 'local' && target.kind !== 'file') continue;
      const targetUri = target.kind === 'file' ? target.uri : uri;
      const rewritten = rewriteRef(site.ref, targetUri, target.path, keyRenames);
      if (rewritten !== site.ref) stepsOf(uri).values.push((current) => setValue(current, [...site.ownerPath, '$ref'], rewritten));
    }
  }
  const result = new Map<string, TextEdit[]>();
  for (const [uri, { values, keys }] of steps) {
    const loaded = files.get(uri) ?? (await context.fileAt(uri));
    if (!loaded) continue;
    // Values first (their paths use the old keys), keys last.
    const edits = composeEdits({ source: loaded.source, root: loaded.tree.root }, [...values, ...keys]);
    if (edits.length > 0) result.set(uri, wholeLines(loaded.source, edits));
  }
  return result;
}

/** The `$ref` with the segments of renamed keys replaced, its file part and encoding otherwise kept. */
function rewriteRef(ref: string, targetUri: string, targetPath: readonly string[], renames: readonly KeyRename[]): string {
  const hash = ref.indexOf('#');
  if (hash < 0) return ref;
  const segments = ref.slice(hash + 1).split('/');
  let changed = false;
  for (const rename of renames) {
    if (rename.uri !== targetUri || rename.path.length > targetPath.length) continue;
    if (!rename.path.every((segment, index) => String(segment) === targetPath[index])) continue;
    // Fragment `/a/b/c` splits into ['', 'a', 'b', 'c']: path segment i is fragment segment i + 1.
    segments[rename.path.length] = pathToPointer([rename.newKey]).slice(1);
    changed = true;
  }
  return changed ? ref.slice(0, hash + 1) + segments.join('/') : ref;
}

/** True when `text` is the name written in some style (`createShipment` spells `CreateShipment`). */
function spells(text: string, name: string): boolean {
  const a = splitName(text);
  const b = splitName(name);
  const words = (parts: typeof a) => [...splitName(parts.prefix.replace(/[./:]+$/, '')).words, ...parts.words].map((word) => word.lower).join('.');
  return words(a) === words(b) && a.suffix.replace(/[._-]/g, '').toLowerCase() === b.suffix.replace(/[._-]/g, '').toLowerCase();
}

/** `newName` written in the style of `like` (a key or a messageId that spelled the old name). */
function restyle(like: string, newName: string): string {
  const style = splitName(like);
  const target = splitName(newName);
  // A namespace the key writes as words of its own (`com.acme.order.created` as `comAcmeOrderCreated`).
  const prefixWords = style.prefix === '' && target.prefix !== '' ? splitName(target.prefix.replace(/[./:]+$/, '')).words : [];
  return joinName({ ...style, prefix: style.prefix === '' ? '' : target.prefix }, [...prefixWords, ...target.words]);
}

