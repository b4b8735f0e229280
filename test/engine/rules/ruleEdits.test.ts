import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, Engine, type CheckResult } from '../../../server/src/engine/engine';
import { MemoryHost } from '../support/memoryHost';

/**
 * Document rules kept between edits (per message, with their cross-entry inputs compared) find
 * after every edit exactly what a fresh engine finds: each step edits what a rule reads across
 * entries (the servers a channel is on, a server's protocol, another message's key, a trait, an
 * operation, a message becoming used), and must change what the named rules report, so that the
 * comparison is never between two empty lists.
 */
interface Step {
  name: string;
  /** Replaces the one occurrence of the first text with the second. */
  replace: [string, string];
  changes: string[];
}

const FOLDER = 'file:///shop';
const URI = `${FOLDER}/shop.yaml`;
const DOCUMENT = withFiller(fs.readFileSync(path.join(__dirname, '../../../../test/engine/rules/fixtures/ruleEdits/shop.yaml'), 'utf8'), 60);

const ORDERS_ON_KAFKA = "address: shop.orders\n    servers:\n      - $ref: '#/servers/kafkaCluster'";
const ORDERS_ON_RABBIT = "address: shop.orders\n    servers:\n      - $ref: '#/servers/rabbit'";
const PAYMENTS_CHANNEL = "  payments:\n    address: shop.payments\n    servers:\n      - $ref: '#/servers/kafkaCluster'\n    messages:\n      paymentTaken:\n        $ref: '#/components/messages/PaymentTaken'\n";

const STEPS: Step[] = [
  { name: 'a message declares its key, which its sibling on the channel is then offered', replace: ['name: OrderPlaced\n', "name: OrderPlaced\n      x-ordering-key: '$message.payload#/orderId'\n"], changes: ['ordering-key'] },
  { name: 'the sibling’s key names no property', replace: ["'$message.payload#/orderId'", "'$message.payload#/orderNumber'"], changes: ['ordering-key'] },
  { name: 'a channel moves to a server whose protocol keeps no order per key', replace: [ORDERS_ON_KAFKA, ORDERS_ON_RABBIT], changes: ['ordering-key'] },
  { name: 'that server’s protocol becomes one that orders per key', replace: ['protocol: amqp', 'protocol: pulsar'], changes: ['ordering-key'] },
  { name: 'a trait gives a message its Kafka key', replace: ['contentType: application/json\n', 'contentType: application/json\n      bindings:\n        kafka:\n          key:\n            type: string\n'], changes: ['ordering-key'] },
  { name: 'an operation’s action is broken', replace: ['action: receive', 'action: sned'], changes: ['asyncapi-schema'] },
  { name: 'the action is restored', replace: ['action: sned', 'action: receive'], changes: ['asyncapi-schema'] },
  { name: 'an unused message becomes used on a channel', replace: ["        $ref: '#/components/messages/AuditRecorded'\n", "        $ref: '#/components/messages/AuditRecorded'\n      draft:\n        $ref: '#/components/messages/Draft'\n"], changes: ['unused-component', 'ordering-key'] },
  { name: 'the channel a message travels on is removed', replace: [PAYMENTS_CHANNEL, ''], changes: ['ordering-key'] },
  { name: 'the server’s protocol is put back', replace: ['protocol: pulsar', 'protocol: amqp'], changes: ['ordering-key'] },
  { name: 'the channel moves back to Kafka', replace: [ORDERS_ON_RABBIT, ORDERS_ON_KAFKA], changes: ['ordering-key'] },
];

describe('document rules after edits equal a fresh check', function () {
  this.timeout(60_000);

  it('after each step of edits across entries', async function () {
    const incremental = new Engine(new MemoryHost({ [URI]: DOCUMENT }), { ...DEFAULT_SETTINGS, workspaceFolders: [FOLDER] });
    let text = DOCUMENT;
    incremental.setOpenDocument(URI, text, 1);
    let previous = findingsOf(await incremental.checkFast(URI));
    assert.ok(previous.some((finding) => finding.ruleId === 'ordering-key'), 'the document starts with ordering-key findings');
    for (const [index, step] of STEPS.entries()) {
      const [from, to] = step.replace;
      assert.equal(text.split(from).length, 2, `${step.name}: the text to replace occurs once`);
      text = text.replace(from, to);
      incremental.setOpenDocument(URI, text, index + 2);
      const got = findingsOf(await incremental.checkFast(URI));
      const fresh = new Engine(new MemoryHost({ [URI]: text }), { ...DEFAULT_SETTINGS, workspaceFolders: [FOLDER] });
      fresh.setOpenDocument(URI, text, index + 2);
      assert.deepEqual(got, findingsOf(await fresh.checkFast(URI)), step.name);
      for (const ruleId of step.changes) {
        const of = (findings: typeof got) => findings.filter((finding) => finding.ruleId === ruleId);
        assert.notDeepEqual(of(got), of(previous), `${step.name}: ${ruleId} reports something else`);
      }
      previous = got;
    }
  });
});

/**
 * The document with `count` more channels, each with its own message: large enough for the
 * incremental parse to split its channels and messages into entries, so that entries an edit
 * does not touch keep their values (and the rules their kept findings).
 */
function withFiller(text: string, count: number) {
  const channels: string[] = [];
  const messages: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = `Filler${String(index).padStart(3, '0')}`;
    channels.push(`  filler${index}:`, `    address: shop.filler.${index}`, '    messages:', `      ${name}:`, `        $ref: '#/components/messages/${name}'`);
    messages.push(`    ${name}:`, `      name: ${name}`, `      summary: Filler message ${index}, there to make the document large enough to be parsed entry by entry.`, '      payload:', '        type: object', `        required: [filler${index}Id]`, '        properties:', `          filler${index}Id:`, '            type: string');
  }
  const withChannels = text.replace('  audit:\n', `${channels.join('\n')}\n  audit:\n`);
  return withChannels.replace('    Draft:\n', `${messages.join('\n')}\n    Draft:\n`);
}

/** The document's findings, in the order the engine gives them. */
function findingsOf(result: CheckResult) {
  return (result.findings.get(URI) ?? []).map((finding) => ({ ...finding }));
}
