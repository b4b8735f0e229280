import type { JsonPath } from '../../text/paths';
import { PARSER_SEVERITY, type ParserReport } from './report';
import { isPlainObject, type ResolvedDocument, type ResolvedNode } from './resolvedDocument';
import { v2MessagesOf, v2Operations, withTraitsMerged } from './v2Walk';

type IdField = 'operationId' | 'messageId';

/** Where an operation's or message's id is written: the last trait that sets one wins, then the object itself. */
function writtenId(document: ResolvedDocument, node: ResolvedNode, field: IdField): { id: string; at: ResolvedNode } | undefined {
  const traits = document.items(document.child(node, 'traits'));
  for (let index = traits.length - 1; index >= 0; index--) {
    const trait = traits[index]!;
    if (isPlainObject(trait.value) && typeof trait.value[field] === 'string') return { id: trait.value[field] as string, at: document.child(trait, field)! };
  }
  const own = document.child(node, field);
  return own && typeof own.value === 'string' ? { id: own.value, at: own } : undefined;
}

/** The uniqueness rules: a fold over the root channels' operations (or their messages), in order. */
function checkUniqueness(document: ResolvedDocument, report: ParserReport, code: string, field: IdField, nodes: ResolvedNode[]) {
  const seen = new Set<string>();
  for (const node of nodes) {
    const written = writtenId(document, node, field);
    if (!written) continue;
    if (seen.has(written.id)) report.add(code, written.at, `"${field}" must be unique across all the ${field === 'operationId' ? 'operations' : 'messages'}.`);
    else seen.add(written.id);
  }
}

/** The recommended "should have an id" hint on one operation or message, traits applied. */
function checkHasId(document: ResolvedDocument, report: ParserReport, node: ResolvedNode, field: IdField) {
  if (Array.isArray((node.value as Record<string, unknown>).traits) && !document.items(document.child(node, 'traits')).every((trait) => isPlainObject(trait.value))) return;
  if (withTraitsMerged(document, node)[field]) return;
  const [code, message] =
    field === 'operationId'
      ? ['asyncapi2-operation-operationId', 'Operation should have an "operationId" field defined.']
      : ['asyncapi2-message-messageId', 'Message should have a "messageId" field defined.'];
  report.add(code, node, message, PARSER_SEVERITY.warning);
}

const CHANNEL_LISTS: JsonPath[] = [['channels'], ['components', 'channels']];

export function checkV2Identifiers(document: ResolvedDocument, report: ParserReport, options: { messageIdHint: boolean }) {
  const rootOperations = v2Operations(document, ['channels']);
  checkUniqueness(document, report, 'asyncapi2-operation-operationId-uniqueness', 'operationId', rootOperations);
  checkUniqueness(document, report, 'asyncapi2-message-messageId-uniqueness', 'messageId', rootOperations.flatMap((operation) => v2MessagesOf(document, operation)));
  for (const channels of CHANNEL_LISTS) {
    for (const operation of v2Operations(document, channels)) {
      checkHasId(document, report, operation, 'operationId');
      if (options.messageIdHint) for (const message of v2MessagesOf(document, operation)) checkHasId(document, report, message, 'messageId');
    }
  }
  if (options.messageIdHint) {
    for (const [, message] of document.entries(document.at(['components', 'messages']))) if (isPlainObject(message.value)) checkHasId(document, report, message, 'messageId');
  }
}
