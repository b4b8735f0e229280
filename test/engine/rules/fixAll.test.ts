import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/edits/applyEdits';
import { UNDISCIPLINED_RECEIVER as RECEIVER } from '../../support/undisciplinedReceiver';
import { workspaceOf } from './ruleHarness';

/**
 * "Fix all" (`source.fixAll.eventDesign`, `check --fix`): round after round, every fix that breaks
 * nobody, as `Engine.safeFixes` chooses them.
 */
async function fixAll(text: string, rounds = 10) {
  const workspace = await workspaceOf({ 'orders.yaml': text }, 'extends: recommended\n');
  const uri = workspace.uri('orders.yaml');
  const applied: string[] = [];
  let current = text;
  for (let round = 1; round <= rounds; round++) {
    const { edits, titles } = await workspace.engine.safeFixes(uri);
    if (titles.length === 0) break;
    const file = await workspace.engine.files.get(uri);
    current = applyEdits(file!.source, edits.get(uri) ?? []);
    workspace.engine.setOpenDocument(uri, current, round + 1);
    applied.push(...titles);
  }
  const check = await workspace.engine.checkFast(uri);
  return { text: current, applied, findings: [...check.findings.values()].flat() };
}

describe('fix all', function () {
  it('applies fixes next to each other in separate rounds, and leaves a document that parses', async function () {
    const { text, applied, findings } = await fixAll(RECEIVER);
    assert.deepEqual(findings.filter((finding) => finding.ruleId === 'syntax' || finding.ruleId === 'asyncapi-schema').map((finding) => finding.message), []);
    // The dead-letter fix rewrites the operations' lines; the operation's messages go in the next round, inside onOrder.
    assert.ok(applied.some((title) => title.startsWith('Add dead-letter channel')) && applied.some((title) => title.startsWith('List message "PlaceOrder" on operation "onOrder"')), applied.join('\n'));
    assert.match(text, /  onOrder:\n    action: receive\n    channel:\n      \$ref: '#\/channels\/orders'\n    messages:\n      - \$ref: '#\/channels\/orders\/messages\/PlaceOrder'\n    x-dead-letter:/);
    assert.equal(text.match(/^ {4}messages:$/gm)?.length, 4, 'one messages map per channel, one list per operation: none twice');
    assert.ok(text.includes('orderId: # the id'), 'comments are kept');
  });

  it('never applies a fix the compatibility engine finds breaking: the received "total" keeps its open type', async function () {
    const { text, applied } = await fixAll(RECEIVER);
    assert.ok(!applied.some((title) => title.startsWith('Set type')), applied.join('\n'));
    assert.match(text, /^ {10}total: \{\}$/m);
  });
});
