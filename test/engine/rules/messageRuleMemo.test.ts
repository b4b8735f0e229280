import * as assert from 'node:assert/strict';
import type { MessageRuleContext, RuleFinding } from '../../../server/src/engine/discipline/documentRule';
import { MessageRuleMemo } from '../../../server/src/engine/discipline/messageRuleMemo';
import type { MessageView } from '../../../server/src/engine/discipline/messageView';
import { dereference } from '../../../server/src/engine/schemas/bundle';

const URI = 'file:///doc.yaml';

function documentWith(payload: Record<string, unknown>, own: Record<string, unknown>) {
  return { components: { schemas: { Payload: payload }, messages: { Placed: own } } };
}

function viewOf(own: Record<string, unknown>): MessageView {
  const at = { uri: URI, path: ['components', 'messages', 'Placed'] };
  return { key: 'Placed', name: 'Placed', definition: at, site: at, value: own, own, uses: [] };
}

function contextOf(document: unknown): Omit<MessageRuleContext, 'application'> {
  return { uri: URI, major: 3, version: '3.0.0', options: {}, read: (uri) => (uri === URI ? { value: document } : undefined), schemaIds: new Map() };
}

/** A message check that reads the payload schema through its `$ref`, and counts its runs. */
function countingCheck() {
  const check = (view: MessageView, context: MessageRuleContext): RuleFinding[] => {
    check.runs++;
    const payload = dereference({ uri: URI, path: [...view.definition.path, 'payload'] }, context.read, context.schemaIds)?.value as Record<string, unknown> | undefined;
    return payload && !('additionalProperties' in payload) ? [{ ruleId: 'test', message: 'open', path: ['components', 'schemas', 'Payload'] }] : [];
  };
  check.runs = 0;
  return check;
}

const noOperations = () => ({ operations: [] });

describe('per-message rule memo', function () {
  it('reuses a message check while the message and what it looked up are the same objects', function () {
    const memo = new MessageRuleMemo();
    const check = countingCheck();
    const payload = { type: 'object' };
    const own = { payload: { $ref: '#/components/schemas/Payload' } };
    const first = documentWith(payload, own);
    assert.equal(memo.begin([viewOf(own)], contextOf(first), noOperations).findingsOf('test', contextOf(first), check)[0]!.length, 1);
    // Another version of the document, with the message and its payload unchanged.
    const second = documentWith(payload, own);
    assert.equal(memo.begin([viewOf(own)], contextOf(second), noOperations).findingsOf('test', contextOf(second), check)[0]!.length, 1);
    assert.equal(check.runs, 1);
    // The referenced schema changes, the message does not: the lookup tells.
    const third = documentWith({ type: 'object', additionalProperties: false }, own);
    assert.equal(memo.begin([viewOf(own)], contextOf(third), noOperations).findingsOf('test', contextOf(third), check)[0]!.length, 0);
    assert.equal(check.runs, 2);
  });

  it('re-checks a message that changed while its rule did not run (off, or the check stopped before it)', function () {
    const memo = new MessageRuleMemo();
    const check = countingCheck();
    const payload = { type: 'object' };
    const before = { payload: { $ref: '#/components/schemas/Payload' } };
    const first = documentWith(payload, before);
    memo.begin([viewOf(before)], contextOf(first), noOperations).findingsOf('test', contextOf(first), check);
    // The message changes in a version whose check runs no per-message rule…
    const changed = { payload: { type: 'object', additionalProperties: true } };
    memo.begin([viewOf(changed)], contextOf(documentWith(payload, changed)), noOperations);
    // …and stays so: the rule must not take the finding it made before the change.
    const third = documentWith(payload, { ...changed });
    assert.deepEqual(memo.begin([viewOf(changed)], contextOf(third), noOperations).findingsOf('test', contextOf(third), check), [[]]);
    assert.equal(check.runs, 2);
  });
});
