import { likelyActions, operationOfActionPath } from '../asyncapi/operationAction';
import type { DocumentRule } from '../discipline/documentRule';
import { setValue } from '../edits/documentEdits';
import { nodeAtPath } from '../text/paths';
import type { RuleDefinition } from './rule';

/**
 * The findings come from the structure check and the parser; the only ones with a fix are an
 * operation's `action` in 3.x (most often a 2.x `publish`/`subscribe`): both valid actions are
 * offered, the likelier first, since only the author knows which side the application is on.
 */
export const asyncapiSchema: RuleDefinition & Pick<DocumentRule, 'fixes'> = {
  id: 'asyncapi-schema',
  defaultSeverity: 'error',
  rationale: 'The document breaks the AsyncAPI specification for its version, so generators, brokers and readers may reject or misread it.',
  category: 'validity',
  origin: '@asyncapi/parser',
  parserCodes: ['asyncapi-document-resolved', 'asyncapi-is-asyncapi'],
  fixes(finding, context) {
    const operation = operationOfActionPath(finding.path);
    if (operation === undefined || context.major !== 3 || (finding.uri !== undefined && finding.uri !== context.uri)) return [];
    const written = nodeAtPath(context.file.tree.root, finding.path);
    if (written?.type !== 'string' || written.value === 'send' || written.value === 'receive') return [];
    const file = { source: context.file.source, root: context.file.tree.root };
    return likelyActions(operation, String(written.value)).map((action, index) => ({
      title: `Change the action to "${action}" (the application ${action}s these messages)`,
      edits: new Map([[context.uri, setValue(file, finding.path, action)]]),
      preferred: index === 0,
      // Either could be right: which side the application is on is the author's call, never fix-all's.
      manualOnly: true,
    }));
  },
};
