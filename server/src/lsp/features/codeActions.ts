import { CodeActionKind, CodeActionRequest, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Fix, WorkspaceEdits } from '../../engine/discipline/documentRule';
import { ruleById } from '../../engine/rules';
import type { DiagnosticData } from '../diagnostics';
import { convertCodeAction } from './convertToAsyncApi3';
import type { LanguageFeature } from './feature';

/** `source.fixAll.eventDesign`: every fix that breaks nobody, e.g. from editor.codeActionsOnSave. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.eventDesign`;

/** Quick fixes for the findings of document rules, one-by-one and "fix all". */
export const codeActions: LanguageFeature = {
  name: 'code actions',
  capabilities: () => ({ codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.RefactorRewrite], resolveProvider: false } }),
  register({ engine, documents, onRequest }) {
    onRequest<CodeActionParams, CodeAction[]>(CodeActionRequest.method, [], async (params) => {
      const uri = params.textDocument.uri;
      if (!documents.get(uri)) return [];
      const only = params.context.only;
      if (only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind !== CodeActionKind.QuickFix)) {
        const { edits, titles } = await engine.safeFixes(uri);
        if (titles.length === 0) return [];
        return [{ title: `Fix all event-design findings that break nobody (${titles.length})`, kind: FIX_ALL_KIND, edit: workspaceEdit(edits) } satisfies CodeAction];
      }
      const actions: CodeAction[] = [];
      const document = documents.get(uri)!;
      if (!only || only.some((kind) => CodeActionKind.RefactorRewrite.startsWith(kind))) {
        const convert = convertCodeAction(engine, uri, document.getText(), params.range);
        if (convert) actions.push(convert);
      }
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== 'event-design' || typeof diagnostic.code !== 'string') continue;
        const data = diagnostic.data as DiagnosticData | undefined;
        if (data?.path) {
          const fixes = await engine.fixesFor(data.producer ?? uri, diagnostic.code, data.path, uri);
          for (const fix of fixes) actions.push(toAction(fix, diagnostic));
        }
      }
      return actions;
    });
  },
};

function toAction(fix: Fix, diagnostic: Diagnostic): CodeAction {
  const rule = ruleById(String(diagnostic.code));
  return {
    title: fix.breaking && !/\(breaking\b/.test(fix.title) ? `${fix.title} (breaking: ${shortReason(fix.breaking)})` : fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred === true && !fix.breaking && rule !== undefined,
    edit: workspaceEdit(fix.edits),
  };
}

/** The first clause of why a fix breaks, short enough for a menu. */
function shortReason(reason: string) {
  const first = reason.split(/(?<=[.;:])\s/)[0]!.replace(/[.;:]$/, '');
  return first.length <= 90 ? first : `${first.slice(0, 87).trimEnd()}…`;
}

function workspaceEdit(edits: WorkspaceEdits): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [uri, list] of edits) changes[uri] = list.map((edit) => ({ range: edit.range, newText: edit.newText }));
  return { changes };
}
