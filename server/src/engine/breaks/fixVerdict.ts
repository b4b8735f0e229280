import type { EventDesignConfig } from '../config/config';
import type { Fix } from '../discipline/documentRule';
import type { TextEdit } from '../edits/documentEdits';
import { applyEdits } from '../edits/applyEdits';
import type { EngineHost } from '../host';
import { SourceFile } from '../text/sourceFile';
import { LoadedFile } from '../workspace/fileStore';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { checkBreaks } from './checkBreaks';

export interface FixVerdictInput {
  host: EngineHost;
  /** The files as they are now (before the fix): the fixed file and what it references. */
  closure: Map<string, LoadedFile>;
  fileAt(uri: string): Promise<LoadedFile | undefined>;
  index: WorkspaceIndex;
  config: EventDesignConfig;
}

/** The before-fix text of every file, as checkBreaks reads a baseline. */
const BEFORE_THE_FIX = 'before the fix';

/**
 * Additions that break no one when a fix makes them, though a reader that starts to rely on them
 * would: headers, a correlation id, a message key the message did not describe. The fix adds what
 * the discipline asks for, optional unless the rule says otherwise (and a rule that adds something
 * required says so itself).
 */
const ADDITIONS_THAT_BREAK_NOBODY = new Set(['headers-added', 'correlation-id-added', 'message-key-added']);

/**
 * Whether applying a fix breaks the other side of a message, judged by the compatibility engine
 * as a change against the file as it is now, in the direction the workspace uses each message
 * (what is sent must stay readable, what is received must still read what producers send) and
 * under the LENIENT policy: an optional property or header added is not a break here, since the
 * fix does not change what deployed producers send. Returns the first break, described,
 * or undefined when the fix breaks nobody.
 */
export async function breakingReasonOf(fix: Fix, input: FixVerdictInput): Promise<string | undefined> {
  const before = new Map<string, LoadedFile>();
  const after = new Map(input.closure);
  for (const [uri, edits] of fix.edits) {
    if (edits.length === 0 || fix.createsFile === uri) continue;
    const current = input.closure.get(uri) ?? (await input.fileAt(uri));
    if (!current) continue;
    before.set(uri, current);
    const { source } = current;
    after.set(uri, new LoadedFile(new SourceFile(uri, applyEdits(source, edits), source.version + 1, source.format)));
  }
  // The "baseline" is the text before the fix; no history, so transitive modes compare with it alone.
  const host: EngineHost = {
    readFile: input.host.readFile.bind(input.host),
    now: input.host.now.bind(input.host),
    baseline: async (uri) => {
      const text = (before.get(uri) ?? input.closure.get(uri) ?? (await input.fileAt(uri)))?.source.text;
      return text === undefined ? undefined : { text, label: BEFORE_THE_FIX };
    },
  };
  const config: EventDesignConfig = { ...input.config, compatibility: { ...input.config.compatibility, policy: 'lenient', accepted: [] } };
  for (const uri of before.keys()) {
    const file = after.get(uri)!;
    const kind = file.kind;
    if (kind.kind !== 'asyncapi' && kind.kind !== 'json-schema' && kind.kind !== 'avro') continue;
    const findings = await checkBreaks({ host, spec: { kind: 'saved' }, file, kind, closure: after, index: input.index, config, advise: false });
    const broken = findings.find((finding) => finding.ruleId === 'compatibility-break' && !ADDITIONS_THAT_BREAK_NOBODY.has(String((finding as { data?: { kind?: unknown } }).data?.kind)));
    if (broken) return broken.message;
  }
  return undefined;
}

/** The edits of several fixes as one workspace edit. */
export function mergeFixes(fixes: readonly Fix[]): Map<string, TextEdit[]> {
  const merged = new Map<string, TextEdit[]>();
  for (const fix of fixes) for (const [uri, edits] of fix.edits) merged.set(uri, [...(merged.get(uri) ?? []), ...edits]);
  return merged;
}

/**
 * The fixes of a "fix all" round that break nobody, judged together: one diff for all of them,
 * and only where that finds a break, halves of them, down to the fixes that break (a handful of
 * diffs, where one per fix would cost a whole-document diff each).
 */
export async function withoutBreakingFixes(fixes: readonly Fix[], input: FixVerdictInput): Promise<Fix[]> {
  if (fixes.length === 0) return [];
  const together: Fix = { title: '', edits: mergeFixes(fixes) };
  if ((await breakingReasonOf(together, input)) === undefined) return [...fixes];
  if (fixes.length === 1) return [];
  const half = Math.ceil(fixes.length / 2);
  const kept = [...(await withoutBreakingFixes(fixes.slice(0, half), input)), ...(await withoutBreakingFixes(fixes.slice(half), input))];
  // Two halves that each break nobody may still do so together (rarely): then the first half's.
  if (kept.length > 0 && (await breakingReasonOf({ title: '', edits: mergeFixes(kept) }, input)) !== undefined) return withoutBreakingFixes(fixes.slice(0, half), input);
  return kept;
}
