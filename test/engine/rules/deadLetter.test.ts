import * as assert from 'node:assert/strict';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';

const RULE = 'dead-letter';

const ORDERS = `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
servers:
  production: { host: kafka.example.com:9092, protocol: kafka }
  staging: { host: kafka.staging.example.com:9092, protocol: kafka }
channels:
  paymentFailed:
    address: payments.payment-failed
    servers:
      - $ref: '#/servers/production'
    messages:
      PaymentFailed:
        $ref: '#/components/messages/PaymentFailed'
  paymentCaptured:
    address: payments.payment-captured
    messages:
      PaymentCaptured: { payload: { type: object } }
  paymentCapturedDeadLetter:
    address: orders.payments.payment-captured.dlq
    messages:
      PaymentCaptured: { $ref: '#/channels/paymentCaptured/messages/PaymentCaptured' }
operations:
  # Cancels the order when the payment cannot be captured.
  onPaymentFailed:
    action: receive
    channel: { $ref: '#/channels/paymentFailed' }
    messages:
      - $ref: '#/channels/paymentFailed/messages/PaymentFailed'
  onPaymentCaptured:
    action: receive
    channel: { $ref: '#/channels/paymentCaptured' }
    x-dead-letter:
      $ref: '#/channels/paymentCapturedDeadLetter'
  replayPaymentCaptured:
    action: receive
    channel: { $ref: '#/channels/paymentCapturedDeadLetter' }
  publishPaymentFailed:
    action: send
    channel: { $ref: '#/channels/paymentFailed' }
components:
  messages:
    PaymentFailed:
      payload: { type: object }
`;

describe('rule dead-letter', function () {
  it('reports receive operations that do not say where failed messages go, not senders nor dead-letter consumers', async function () {
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': ORDERS })).lines, [
      'orders.yaml:24:3 Operation "onPaymentFailed" receives from payments.payment-failed but does not say where the messages it cannot process go: each one is either retried forever, holding up the messages behind it, or dropped and lost. Name a dead-letter channel in x-dead-letter.',
    ]);
  });

  it('adds the dead-letter channel, the operation that parks messages there, and x-dead-letter', async function () {
    const fixed = await applyFix(RULE, { 'orders.yaml': ORDERS }, /^Add dead-letter channel orders\.payments\.payment-failed\.dlq and name it in x-dead-letter of "onPaymentFailed"$/);
    assert.equal(
      fixed['orders.yaml'],
      ORDERS.replace(
        "      PaymentCaptured: { $ref: '#/channels/paymentCaptured/messages/PaymentCaptured' }\n",
        `      PaymentCaptured: { $ref: '#/channels/paymentCaptured/messages/PaymentCaptured' }
  paymentFailedDeadLetter:
    address: orders.payments.payment-failed.dlq
    title: Dead letters of payments.payment-failed
    description: Messages from payments.payment-failed that onPaymentFailed could not process.
    servers:
      - $ref: '#/servers/production'
    messages:
      PaymentFailed:
        $ref: '#/components/messages/PaymentFailed'
`,
      )
        .replace(
          "      - $ref: '#/channels/paymentFailed/messages/PaymentFailed'\n",
          "      - $ref: '#/channels/paymentFailed/messages/PaymentFailed'\n    x-dead-letter:\n      $ref: '#/channels/paymentFailedDeadLetter'\n",
        )
        .replace(
          "    channel: { $ref: '#/channels/paymentFailed' }\ncomponents:",
          `    channel: { $ref: '#/channels/paymentFailed' }
  deadLetterPaymentFailed:
    action: send
    summary: Park the messages that onPaymentFailed could not process.
    channel:
      $ref: '#/channels/paymentFailedDeadLetter'
    messages:
      - $ref: '#/channels/paymentFailedDeadLetter/messages/PaymentFailed'
components:`,
        ),
    );
    // The new channel is a dead-letter channel: nobody is asked for its dead letters.
    assert.deepEqual((await findingsOf(RULE, fixed)).lines, []);
  });

  it('names an existing <address>.dlq channel rather than adding another', async function () {
    const withQueue = ORDERS.replace('  paymentCapturedDeadLetter:\n', "  failedPayments:\n    address: payments.payment-failed.dlq\n  paymentCapturedDeadLetter:\n");
    const fixed = await applyFix(RULE, { 'orders.yaml': withQueue }, /^Send the messages "onPaymentFailed" cannot process to the existing channel "failedPayments" \(payments\.payment-failed\.dlq\)$/);
    assert.equal(fixed['orders.yaml'], withQueue.replace("      - $ref: '#/channels/paymentFailed/messages/PaymentFailed'\n", "      - $ref: '#/channels/paymentFailed/messages/PaymentFailed'\n    x-dead-letter:\n      $ref: '#/channels/failedPayments'\n"));
  });

  it('accepts a channel key or address, on the operation or its channel', async function () {
    for (const declaration of ['    x-dead-letter: orders.payments.payment-captured.dlq\n', '    x-dead-letter: paymentCapturedDeadLetter\n']) {
      const document = ORDERS.replace("    channel: { $ref: '#/channels/paymentFailed' }\n    messages:\n", `    channel: { $ref: '#/channels/paymentFailed' }\n${declaration}    messages:\n`);
      assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': document })).lines, [], declaration);
    }
    const onChannel = ORDERS.replace('    address: payments.payment-failed\n', "    address: payments.payment-failed\n    x-dead-letter: { $ref: '#/channels/paymentCapturedDeadLetter' }\n");
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': onChannel })).lines, []);
  });

  it('reports a dead-letter channel that does not exist, and adds it under the name given', async function () {
    const document = ORDERS.replace("    channel: { $ref: '#/channels/paymentFailed' }\n    messages:\n", "    channel: { $ref: '#/channels/paymentFailed' }\n    x-dead-letter: orders.payment-failed.dead # parked here\n    messages:\n");
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': document })).lines, [
      'orders.yaml:27:20 Operation "onPaymentFailed" receives from payments.payment-failed: x-dead-letter names "orders.payment-failed.dead", which is no channel of this document (by key or address: "payments.payment-failed", "payments.payment-captured" or "orders.payments.payment-captured.dlq"), so failed messages go nowhere anyone reads. Add the channel, or name an existing one.',
    ]);
    const fixed = await applyFix(RULE, { 'orders.yaml': document }, /^Add the dead-letter channel "orders\.payment-failed\.dead" that x-dead-letter names$/);
    assert.ok(fixed['orders.yaml']!.includes('  paymentFailedDeadLetter:\n    address: orders.payment-failed.dead\n'), fixed['orders.yaml']);
    assert.ok(fixed['orders.yaml']!.includes('    x-dead-letter: orders.payment-failed.dead # parked here\n'), 'the declaration is kept as written');
  });

  it('checks a declaration on the channel too, and adds the channel it names', async function () {
    const document = ORDERS.replace('    address: payments.payment-failed\n', '    address: payments.payment-failed\n    x-dead-letter: payments.payment-failed.parked\n');
    const { lines } = await findingsOf(RULE, { 'orders.yaml': document });
    assert.deepEqual(lines.map((line) => line.split(': x-dead-letter')[0]), ['orders.yaml:9:20 Operation "onPaymentFailed" receives from payments.payment-failed']);
    const fixed = await applyFix(RULE, { 'orders.yaml': document }, /^Add the dead-letter channel "payments\.payment-failed\.parked" that x-dead-letter names$/);
    assert.ok(fixed['orders.yaml']!.includes('  paymentFailedDeadLetter:\n    address: payments.payment-failed.parked\n'), fixed['orders.yaml']);
    assert.ok(!/^ {4}x-dead-letter:/m.test(fixed['orders.yaml']!.split('operations:')[1]!.split('onPaymentCaptured')[0]!), 'the operation keeps relying on its channel');
  });

  it('reports x-dead-letter values that are not channels', async function () {
    const toMessage = ORDERS.replace("      $ref: '#/channels/paymentCapturedDeadLetter'", "      $ref: '#/components/messages/PaymentFailed'");
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': toMessage })).lines, [
      'orders.yaml:24:3 Operation "onPaymentFailed" receives from payments.payment-failed but does not say where the messages it cannot process go: each one is either retried forever, holding up the messages behind it, or dropped and lost. Name a dead-letter channel in x-dead-letter.',
      'orders.yaml:33:13 Operation "onPaymentCaptured" receives from payments.payment-captured: x-dead-letter points at #/components/messages/PaymentFailed, which is not a channel: it must name the channel failed messages are sent to.',
    ]);
    const malformed = ORDERS.replace("    x-dead-letter:\n      $ref: '#/channels/paymentCapturedDeadLetter'\n", '    x-dead-letter: 5\n');
    const { lines } = await findingsOf(RULE, { 'orders.yaml': malformed });
    assert.equal(lines[1], "orders.yaml:32:20 Operation \"onPaymentCaptured\" receives from payments.payment-captured: x-dead-letter must be a $ref to a channel ({ $ref: '#/channels/<key>' }) or the key or address of a channel of this document.");
    const fixed = await applyFix(RULE, { 'orders.yaml': malformed }, /^Send the messages "onPaymentCaptured" cannot process to the existing channel "paymentCapturedDeadLetter"/, 'orders.yaml', 1);
    assert.ok(fixed['orders.yaml']!.includes("    channel: { $ref: '#/channels/paymentCaptured' }\n    x-dead-letter:\n      $ref: '#/channels/paymentCapturedDeadLetter'\n"), fixed['orders.yaml']);
  });

  it('accepts an SQS redrive policy, and checks the queue it names', async function () {
    const sqs = (redrive: string) => `asyncapi: 3.0.0
info: { title: A, version: 1.0.0 }
servers:
  aws: { host: sqs.eu-west-1.amazonaws.com, protocol: sqs }
channels:
  orders:
    address: orders
    bindings:
      sqs:
        queue:
          name: orders
          redrivePolicy:
            deadLetterQueue: ${redrive}
            maxReceiveCount: 5
        deadLetterQueue:
          name: orders-errors
operations:
  onOrder:
    action: receive
    channel: { $ref: '#/channels/orders' }
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': sqs('{ arn: "arn:aws:sqs:eu-west-1:123456789012:orders-dlq" }') })).lines, []);
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': sqs('{ name: orders-errors }') })).lines, []);
    const unknown = sqs('{ name: orders-dlq }').replace('        deadLetterQueue:\n          name: orders-errors\n', '');
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': unknown })).lines, [
      'a.yaml:13:38 Operation "onOrder" receives from orders: the redrive policy sends failed messages to the queue "orders-dlq", which no SQS binding and no channel of this document defines: declare it (a channel, or a queue in the sqs binding), or give its arn.',
    ]);
    assert.deepEqual((await fixesOf(RULE, { 'a.yaml': unknown })).fixes, []);
  });

  it('checks only transports that hold a message until it is processed, unless told otherwise', async function () {
    const mqtt = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nservers:\n  broker: { host: mqtt.example.com, protocol: mqtt }\nchannels:\n  readings: { address: readings, messages: { reading: { payload: { type: number } } } }\noperations:\n  onReading:\n    action: receive\n    channel: { $ref: '#/channels/readings' }\n";
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': mqtt })).lines, []);
    const config = `rules:\n  ${RULE}:\n    severity: warning\n    protocols: [mqtt]\n    suffix: /dead-letters\n`;
    assert.equal((await findingsOf(RULE, { 'a.yaml': mqtt }, 'a.yaml', config)).lines.length, 1);
    const fixed = await applyFix(RULE, { 'a.yaml': mqtt }, /^Add dead-letter channel a\.readings\/dead-letters/, 'a.yaml', 0, config);
    assert.ok(fixed['a.yaml']!.includes('  readingsDeadLetter:\n    address: a.readings/dead-letters\n'), fixed['a.yaml']);
  });

  it('fixes JSON documents', async function () {
    const document = JSON.stringify(
      {
        asyncapi: '3.0.0',
        info: { title: 'A', version: '1.0.0' },
        servers: { rabbit: { host: 'rabbit.example.com', protocol: 'amqp' } },
        channels: { jobs: { address: 'jobs.{tenant}', parameters: { tenant: { description: 'Tenant.' } }, messages: { job: { payload: { type: 'object' } } } } },
        operations: { runJob: { action: 'receive', channel: { $ref: '#/channels/jobs' } } },
      },
      null,
      2,
    );
    const fixed = JSON.parse((await applyFix(RULE, { 'a.json': document }, /^Add dead-letter channel a\.jobs\.\{tenant\}\.dlq/))['a.json']!);
    assert.deepEqual(fixed.channels.jobsDeadLetter, {
      address: 'a.jobs.{tenant}.dlq',
      title: 'Dead letters of jobs.{tenant}',
      description: 'Messages from jobs.{tenant} that runJob could not process.',
      parameters: { tenant: { $ref: '#/channels/jobs/parameters/tenant' } },
      messages: { job: { $ref: '#/channels/jobs/messages/job' } },
    });
    assert.deepEqual(fixed.operations.runJob['x-dead-letter'], { $ref: '#/channels/jobsDeadLetter' });
    assert.deepEqual(fixed.operations.deadLetterJobs.messages, [{ $ref: '#/channels/jobsDeadLetter/messages/job' }]);
  });

  it('in 2.x, checks publish operations and adds the dead-letter channel under its address', async function () {
    const document = `asyncapi: 2.6.0
info: { title: A, version: 1.0.0 }
servers:
  production: { url: kafka.example.com:9092, protocol: kafka }
channels:
  orders/{orderId}/placed:
    parameters:
      orderId: { schema: { type: string } }
    publish:
      operationId: onOrderPlaced
      message:
        $ref: '#/components/messages/OrderPlaced'
components:
  messages:
    OrderPlaced:
      payload: { type: object }
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': document })).lines, [
      'a.yaml:9:5 The publish operation of channel "orders/{orderId}/placed" (where the application receives) does not say where the messages it cannot process go: each one is either retried forever, holding up the messages behind it, or dropped and lost. Name a dead-letter channel in x-dead-letter.',
    ]);
    const fixed = await applyFix(RULE, { 'a.yaml': document }, /^Add dead-letter channel a\/orders\/\{orderId\}\/placed\.dlq/);
    assert.ok(
      fixed['a.yaml']!.includes(`        $ref: '#/components/messages/OrderPlaced'
      x-dead-letter:
        $ref: '#/channels/a~1orders~1%7BorderId%7D~1placed.dlq'
  a/orders/{orderId}/placed.dlq:
    description: Messages from orders/{orderId}/placed that onOrderPlaced could not process.
    parameters:
      orderId:
        $ref: '#/channels/orders~1%7BorderId%7D~1placed/parameters/orderId'
    subscribe:
      summary: Park the messages that onOrderPlaced could not process.
      message:
        $ref: '#/components/messages/OrderPlaced'
components:`),
      fixed['a.yaml'],
    );
    // A message with a messageId may be used by one operation only: the channel gets none.
    const withId = document.replace('    OrderPlaced:\n      payload', '    OrderPlaced:\n      messageId: OrderPlaced\n      payload');
    const fixedWithId = await applyFix(RULE, { 'a.yaml': withId }, /^Add dead-letter channel/);
    assert.ok(!fixedWithId['a.yaml']!.includes('subscribe:'), fixedWithId['a.yaml']);
  });
});
