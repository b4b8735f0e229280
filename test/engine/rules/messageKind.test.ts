import * as assert from 'node:assert/strict';
import { dottedWords, kindOptions, messageKind, type KindContext, type KindSubject } from '../../../server/src/engine/discipline/messageKind';
import type { MessageUse } from '../../../server/src/engine/discipline/messageView';
import type { SchemaSource } from '../../../server/src/engine/schemas/bundle';

const URI = 'file:///kinds/a.yaml';
const NOTHING: KindContext = { application: { operations: [] }, read: () => undefined, schemaIds: new Map() };

function subject(value: Record<string, unknown>, name = 'OrderPlaced', uses: MessageUse[] = []): KindSubject {
  return { key: name, name, value, own: value, definition: { uri: URI, path: ['components', 'messages', name] }, uses };
}

function use(operationKey: string, isReply = false): MessageUse {
  return { operationKey, operationPath: ['operations', operationKey], action: 'send', isReply, protocols: [] };
}

describe('message kinds (shared by event-id and event-name-past-tense)', function () {
  it('reads the extension first, then tags, then naming patterns; unmarked messages are events', function () {
    assert.deepEqual(messageKind(subject({ 'x-event-kind': 'command', tags: [{ name: 'event' }] }), NOTHING), { kind: 'command', source: 'extension' });
    assert.deepEqual(messageKind(subject({ 'x-event-kind': ' Document ' }), NOTHING), { kind: 'document', source: 'extension' });
    // An unknown value says nothing (the tag decides), and is handed back for reporting.
    assert.deepEqual(messageKind(subject({ 'x-event-kind': 'notification', tags: [{ name: 'orders' }, { name: 'Commands' }] }), NOTHING), {
      kind: 'command',
      source: 'tag',
      unknownMarker: { value: 'notification', path: ['components', 'messages', 'OrderPlaced', 'x-event-kind'] },
    });
    assert.deepEqual(messageKind(subject({ tags: [{ name: 'kind:query' }] }), NOTHING), { kind: 'query', source: 'tag' });
    assert.deepEqual(messageKind(subject({}, 'CreateOrderCommandV2'), NOTHING), { kind: 'command', source: 'pattern' });
    assert.deepEqual(messageKind(subject({}, 'GetOrderStatus'), NOTHING), { kind: 'query', source: 'pattern' });
    assert.deepEqual(messageKind(subject({}, 'PaymentAuthorizationResult'), NOTHING), { kind: 'reply', source: 'pattern' });
    // A verb in the imperative is event-name-past-tense's business, not a marker.
    assert.deepEqual(messageKind(subject({}, 'CreateShipment'), NOTHING), { kind: 'event', source: 'default' });
  });

  it('reads its options under the same names as every rule that asks', function () {
    const options = kindOptions({ eventKindExtension: 'x-kind', commandTags: ['instruction'], commandPatterns: ['^(Create|Send)[A-Z]', '(broken'], queryPatterns: '/^ask_/i' });
    assert.deepEqual(messageKind(subject({ 'x-kind': 'query' }), NOTHING, options), { kind: 'query', source: 'extension' });
    assert.deepEqual(messageKind(subject({ tags: [{ name: 'Instruction' }] }), NOTHING, options), { kind: 'command', source: 'tag' });
    assert.deepEqual(messageKind(subject({}, 'CreateShipment'), NOTHING, options), { kind: 'command', source: 'pattern' });
    assert.deepEqual(messageKind(subject({}, 'ASK_stock'), NOTHING, options), { kind: 'query', source: 'pattern' });
    assert.equal(options.patterns.command.length, 1, 'the broken expression is skipped');
  });

  it('tells requests and replies by the operations that use them', function () {
    const context: KindContext = { ...NOTHING, application: { operations: [{ key: 'authorize', messages: [], path: ['operations', 'authorize'], reply: { messages: [] } }, { key: 'publish', messages: [], path: ['operations', 'publish'] }] } };
    assert.deepEqual(messageKind(subject({}, 'PaymentAuthorization', [use('authorize')]), context), { kind: 'command', source: 'request-reply' });
    assert.deepEqual(messageKind(subject({}, 'PaymentAuthorized', [use('authorize', true)]), context), { kind: 'reply', source: 'request-reply' });
    assert.deepEqual(messageKind(subject({}, 'PaymentAuthorized', [use('authorize', true), use('publish')]), context), { kind: 'event', source: 'default' });
    assert.deepEqual(messageKind(subject({}, 'PaymentAuthorization', [use('authorize')]), context, kindOptions({ checkRequestReply: true })), { kind: 'event', source: 'default' });
  });

  it('follows 3.x tag references of the message, and names a trait\'s by the key it references', function () {
    const document = { components: { messages: { PlaceOrder: { tags: [{ $ref: '#/components/tags/cmd' }] } }, tags: { cmd: { name: 'command' } } } };
    const read: SchemaSource = (uri) => (uri === URI ? { value: document } : undefined);
    const placeOrder: KindSubject = { ...subject(document.components.messages.PlaceOrder, 'PlaceOrder') };
    assert.deepEqual(messageKind(placeOrder, { ...NOTHING, read }), { kind: 'command', source: 'tag' });
    const fromTrait: KindSubject = { ...subject({ tags: [{ $ref: '#/components/tags/query' }] }), own: {} };
    assert.deepEqual(messageKind(fromTrait, NOTHING), { kind: 'query', source: 'tag' });
  });

  it('splits names into dotted lower-case words', function () {
    assert.equal(dottedWords('CreateOrderCommandV2'), 'create.order.command');
    assert.equal(dottedWords('order.payment-captured'), 'order.payment.captured');
    assert.equal(dottedWords('HTTPRequest_v1'), 'http.request');
  });
});
