import * as assert from 'node:assert/strict';
import { explainLegacyAction, likelyActions } from '../../../server/src/engine/asyncapi/operationAction';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';

const doc = (operation: string, action: string) =>
  ['asyncapi: 3.0.0', 'info: { title: Stock, version: 1.0.0 }', 'channels:', '  snapshots:', '    address: stock.snapshots', 'operations:', `  ${operation}:`, `    action: ${action} # the 2.x word`, "    channel: { $ref: '#/channels/snapshots' }", ''].join('\n');

describe('rule asyncapi-schema: an operation action in 3.x', function () {
  it('explains what a 2.x word meant instead of only suggesting a spelling', async function () {
    const { lines } = await findingsOf('asyncapi-schema', { 'a.yaml': doc('publishStockSnapshot', 'publish') });
    assert.deepEqual(lines, [
      'a.yaml:8:13 "action" property must be equal to one of the allowed values: "send", "receive". "publish" is 2.x wording, where it meant that the application receives (clients publish to it). The name "publishStockSnapshot" says it sends: use "send" if so, "receive" for the 2.x meaning.',
    ]);
    const plain = await findingsOf('asyncapi-schema', { 'a.yaml': doc('stockSnapshot', 'subscribe') });
    assert.match(plain.lines[0]!, /"subscribe" is 2\.x wording, where it meant that the application sends \(clients subscribe to it\)\. Use "send" for that, or "receive" if it receives\.$/);
  });

  it('keeps the spelling suggestion for a typo', async function () {
    const { lines } = await findingsOf('asyncapi-schema', { 'a.yaml': doc('stockSnapshot', 'sned') });
    assert.match(lines[0]!, /Did you mean "send"\?$/);
  });

  it('offers both actions, the likelier first: the name decides, then the 2.x meaning', async function () {
    const named = await fixesOf('asyncapi-schema', { 'a.yaml': doc('publishStockSnapshot', 'publish') });
    assert.deepEqual(named.fixes.map((fix) => [fix.title, fix.preferred]), [
      ['Change the action to "send" (the application sends these messages)', true],
      ['Change the action to "receive" (the application receives these messages)', false],
    ]);
    const unnamed = await fixesOf('asyncapi-schema', { 'a.yaml': doc('stockSnapshot', 'publish') });
    assert.deepEqual(unnamed.fixes.map((fix) => fix.title.slice(0, 30)), ['Change the action to "receive"', 'Change the action to "send" (t']);
    const handler = await fixesOf('asyncapi-schema', { 'a.yaml': doc('onStockSnapshot', 'subscribe') });
    assert.equal(handler.fixes[0]!.title.slice(0, 30), 'Change the action to "receive"');
  });

  it('applies in place, keeping the comment, and the document is valid afterwards', async function () {
    const fixed = await applyFix('asyncapi-schema', { 'a.yaml': doc('publishStockSnapshot', 'publish') }, /"send"/);
    assert.equal(fixed['a.yaml'], doc('publishStockSnapshot', 'send'));
  });

  it('orders by the name, the 2.x meaning, then the spelling', function () {
    assert.deepEqual(likelyActions('emitPriceChanged', 'subscribe'), ['send', 'receive']);
    assert.deepEqual(likelyActions('handlePriceChanged', 'publish'), ['receive', 'send']);
    assert.deepEqual(likelyActions('priceChanged', 'subscribe'), ['send', 'receive']);
    assert.deepEqual(likelyActions('priceChanged', 'recieve'), ['receive', 'send']);
    assert.equal(explainLegacyAction('x', 'sned'), undefined);
  });
});
