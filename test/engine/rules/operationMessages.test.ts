import * as assert from 'node:assert/strict';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';

const RULE = 'operation-messages';

const V3 = `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orderLifecycle:
    address: orders.lifecycle
    messages:
      orderPlaced:
        $ref: '#/components/messages/OrderPlaced'
      orderCancelled:
        payload: { type: object }
  paymentRequests:
    address: payments.requests
    messages:
      paymentRequested: { payload: { type: object } }
  paymentReplies:
    address: payments.replies
    messages:
      paymentAuthorized: { payload: { type: object } }
operations:
  publishLifecycle: # the outbox relay
    action: send
    channel:
      $ref: '#/channels/orderLifecycle'
  requestPayment:
    action: send
    channel: { $ref: '#/channels/paymentRequests' }
    messages:
      - $ref: '#/channels/paymentRequests/messages/paymentRequested'
    reply:
      channel: { $ref: '#/channels/paymentReplies' }
  trackOrders:
    action: receive
    channel: { $ref: '#/channels/orderLifecycle' }
    messages: []
components:
  messages:
    OrderPlaced:
      payload: { type: object }
`;

describe('rule operation-messages', function () {
  it('reports operations and replies that do not list their messages, each with why', async function () {
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': V3 })).lines, [
      'orders.yaml:20:3 Operation "publishLifecycle" does not say which of the 2 messages of channel "orderLifecycle" ("orderPlaced" and "orderCancelled") it sends: readers, code generators and compatibility checks must assume all of them. List the ones it sends under messages.',
      'orders.yaml:29:5 The reply of operation "requestPayment" does not list its messages: it receives "paymentAuthorized" only because channel "paymentReplies" carries nothing else, and silently takes on any message added to the channel later. List it under messages.',
      'orders.yaml:34:5 Operation "trackOrders" lists no messages (messages: []), yet channel "orderLifecycle" carries "orderPlaced" and "orderCancelled": list the ones it receives.',
    ]);
  });

  it('rates ambiguity a warning, and an implicit single message at most info', async function () {
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': V3 }, 'orders.yaml', '')).findings.map((finding) => finding.severity), ['warning', 'info', 'warning']);
  });

  it('accepts operations that list their messages, and leaves other problems to other checks', async function () {
    const good = `asyncapi: 3.0.0
info: { title: A, version: 1.0.0 }
channels:
  a:
    address: a
    messages:
      m: { payload: { type: string } }
operations:
  sendA:
    action: send
    channel: { $ref: '#/channels/a' }
    messages: [{ $ref: '#/channels/a/messages/m' }]
  noChannel:
    action: send
    channel: { $ref: '#/channels/missing' }
  dynamicReply:
    action: receive
    channel: { $ref: '#/channels/a' }
    messages: [{ $ref: '#/channels/a/messages/m' }]
    reply:
      address: { location: '$message.header#/replyTo' }
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': good })).lines, []);
  });

  it('says when the channel itself defines no messages, and offers nothing to list', async function () {
    const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  a: { address: a }\noperations:\n  onA:\n    action: receive\n    channel: { $ref: '#/channels/a' }\n";
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': document })).lines, [
      'a.yaml:6:3 Operation "onA" cannot say which messages it receives: channel "a" defines none. Define them under the channel\'s messages and list them here.',
    ]);
    assert.deepEqual((await fixesOf(RULE, { 'a.yaml': document })).fixes, []);
  });

  it('lists all of the channel\'s messages, through the channel, keeping comments', async function () {
    const fixed = await applyFix(RULE, { 'orders.yaml': V3 }, /^List all messages of channel "orderLifecycle" \("orderPlaced" and "orderCancelled"\) on operation "publishLifecycle"$/);
    assert.ok(
      fixed['orders.yaml']!.includes(`  publishLifecycle: # the outbox relay
    action: send
    channel:
      $ref: '#/channels/orderLifecycle'
    messages:
      - $ref: '#/channels/orderLifecycle/messages/orderPlaced'
      - $ref: '#/channels/orderLifecycle/messages/orderCancelled'
  requestPayment:`),
      fixed['orders.yaml'],
    );
  });

  it('narrows to one message: fine for a sender, breaking for a receiver', async function () {
    const sender = (await fixesOf(RULE, { 'orders.yaml': V3 })).fixes;
    assert.deepEqual(
      sender.map((fix) => [fix.title, !!fix.preferred, fix.breaking, !!fix.manualOnly]),
      [
        ['List all messages of channel "orderLifecycle" ("orderPlaced" and "orderCancelled") on operation "publishLifecycle"', true, undefined, false],
        ['List only message "orderPlaced" on operation "publishLifecycle"', false, undefined, true],
        ['List only message "orderCancelled" on operation "publishLifecycle"', false, undefined, true],
      ],
    );
    const receiver = (await fixesOf(RULE, { 'orders.yaml': V3 }, 'orders.yaml', 2)).fixes;
    assert.equal(receiver[1]!.breaking, 'channel "orderLifecycle" still carries "orderCancelled": a receiver that lists only "orderPlaced" declares it cannot handle them');
    const fixed = await applyFix(RULE, { 'orders.yaml': V3 }, /^List only message "orderCancelled" on operation "publishLifecycle"$/);
    assert.ok(fixed['orders.yaml']!.includes("      $ref: '#/channels/orderLifecycle'\n    messages:\n      - $ref: '#/channels/orderLifecycle/messages/orderCancelled'\n"), fixed['orders.yaml']);
  });

  it('fills in a reply\'s messages from the reply channel, and replaces an empty list', async function () {
    const reply = await applyFix(RULE, { 'orders.yaml': V3 }, /^List message "paymentAuthorized" on the reply of operation "requestPayment"$/, 'orders.yaml', 1);
    assert.ok(reply['orders.yaml']!.includes("    reply:\n      channel: { $ref: '#/channels/paymentReplies' }\n      messages:\n        - $ref: '#/channels/paymentReplies/messages/paymentAuthorized'\n"), reply['orders.yaml']);
    const empty = await applyFix(RULE, { 'orders.yaml': V3 }, /^List all messages of channel "orderLifecycle" .* on operation "trackOrders"$/, 'orders.yaml', 2);
    // The empty list is filled in, in its own flow style.
    assert.ok(empty['orders.yaml']!.includes("    messages: [{ $ref: '#/channels/orderLifecycle/messages/orderPlaced' }, { $ref: '#/channels/orderLifecycle/messages/orderCancelled' }]\ncomponents:"), empty['orders.yaml']);
  });

  it('fixes JSON, with message keys that need escaping in a pointer', async function () {
    const document = JSON.stringify(
      {
        asyncapi: '3.0.0',
        info: { title: 'A', version: '1.0.0' },
        channels: { 'user-events': { address: 'users', messages: { 'user/signedUp': { payload: { type: 'object' } } } } },
        operations: { onUser: { action: 'receive', channel: { $ref: '#/channels/user-events' } } },
      },
      null,
      2,
    );
    assert.deepEqual((await findingsOf(RULE, { 'a.json': document })).lines.map((line) => line.split(' ')[0]), ['a.json:20:5']);
    const fixed = await applyFix(RULE, { 'a.json': document }, /^List message "user\/signedUp" on operation "onUser"$/);
    assert.deepEqual(JSON.parse(fixed['a.json']!).operations.onUser.messages, [{ $ref: '#/channels/user-events/messages/user~1signedUp' }]);
  });

  it('in 2.x, reports publish and subscribe operations without a message', async function () {
    const document = `asyncapi: 2.6.0
info: { title: A, version: 1.0.0 }
channels:
  orders/placed:
    publish:
      operationId: onOrderPlaced
  orders/shipped:
    subscribe:
      message:
        oneOf: []
  orders/cancelled:
    subscribe:
      message: { payload: { type: string } }
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': document })).lines, [
      'a.yaml:5:5 The publish operation of channel "orders/placed" defines no message: nobody can tell what the application receives on it (in 2.x, publish means the application receives). Define its message, or a $ref to one under components.messages.',
      'a.yaml:8:5 The subscribe operation of channel "orders/shipped" defines no message: nobody can tell what the application sends on it (in 2.x, subscribe means the application sends). Define its message, or a $ref to one under components.messages.',
    ]);
    const json = JSON.stringify({ asyncapi: '2.6.0', info: { title: 'A', version: '1.0.0' }, channels: { a: { publish: { summary: 'x' } } } });
    assert.deepEqual((await findingsOf(RULE, { 'a.json': json })).lines.map((line) => line.split(' ')[0]), ['a.json:1:77']);
    assert.deepEqual((await fixesOf(RULE, { 'a.json': json })).fixes, [], 'no message to invent in 2.x');
  });
});
