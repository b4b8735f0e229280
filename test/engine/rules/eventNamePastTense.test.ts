import * as assert from 'node:assert/strict';
import { pastParticiple, readName } from '../../../server/src/engine/discipline/verbForms';
import { assertWorkspaceValid } from './groupAFixes';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';

const RULE = 'event-name-past-tense';

/** The producer: a command-named message, referenced from its channel and operation. */
const ORDERS = `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  createShipment:
    address: shipping.create-shipment
    messages:
      CreateShipment:
        $ref: '#/components/messages/CreateShipment'
  orderPlaced:
    address: orders.order-placed
    messages:
      OrderPlaced:
        $ref: '#/components/messages/OrderPlaced'
operations:
  requestShipment:
    action: send
    channel:
      $ref: '#/channels/createShipment'
    messages:
      - $ref: '#/channels/createShipment/messages/CreateShipment'
  publishOrderPlaced:
    action: send
    channel: { $ref: '#/channels/orderPlaced' }
    messages: [{ $ref: '#/channels/orderPlaced/messages/OrderPlaced' }]
components:
  messages:
    CreateShipment: # owned by orders
      name: CreateShipment
      title: Create shipment
      payload:
        type: object
    OrderPlaced:
      name: OrderPlaced
      payload: { type: object }
`;

/** A consumer that copies the message under a camelCase key, on the same address. */
const SHIPPING = `asyncapi: 3.0.0
info: { title: Shipping, version: 1.0.0 }
channels:
  createShipment:
    address: shipping.create-shipment
    messages:
      createShipment:
        $ref: "#/components/messages/createShipment"
operations:
  createShipmentForOrder:
    action: receive
    channel: { $ref: '#/channels/createShipment' }
    messages:
      - $ref: "#/channels/createShipment/messages/createShipment"
components:
  messages:
    # copied from orders
    createShipment:
      name: CreateShipment
      payload: { type: object }
`;

const config = (options: string) => `rules:\n  ${RULE}:\n    severity: warning\n${options.replace(/^/gm, '    ')}\n`;

/** A 3.x document with one sent message, for the kind tests. */
const single = (message: string, extra = '') => `asyncapi: 3.0.0
info: { title: A, version: 1.0.0 }
channels:
  c:
    address: c
    messages:
      m: { $ref: '#/components/messages/M' }
${extra}operations:
  o:
    action: send
    channel: { $ref: '#/channels/c' }
    messages: [{ $ref: '#/channels/c/messages/m' }]
components:
  messages:
    M:
${message.replace(/^/gm, '      ')}
`;

describe('rule event-name-past-tense', function () {
  describe('verb forms', function () {
    it('makes past participles: irregular verbs, doubling, -e, -y, -c, prefixes, compounds', function () {
      const cases: Record<string, string> = {
        send: 'sent', pay: 'paid', make: 'made', buy: 'bought', sell: 'sold', build: 'built', write: 'written', take: 'taken',
        withdraw: 'withdrawn', set: 'set', read: 'read', ship: 'shipped', stop: 'stopped', plan: 'planned', dim: 'dimmed',
        quiz: 'quizzed', submit: 'submitted', transfer: 'transferred', commit: 'committed', control: 'controlled', format: 'formatted',
        open: 'opened', visit: 'visited', audit: 'audited', offer: 'offered', create: 'created', place: 'placed', free: 'freed',
        apply: 'applied', notify: 'notified', copy: 'copied', deploy: 'deployed', play: 'played', delay: 'delayed', relay: 'relayed',
        panic: 'panicked', sync: 'synced', fix: 'fixed', void: 'voided', unpin: 'unpinned', resend: 'resent', rebuild: 'rebuilt',
        override: 'overridden', undo: 'undone', reopen: 'reopened', unsubscribe: 'unsubscribed', dispatch: 'dispatched', login: 'loggedin',
      };
      for (const [verb, participle] of Object.entries(cases)) assert.equal(pastParticiple(verb), participle, verb);
    });

    it('spells British by default and American on request', function () {
      for (const verb of ['cancel', 'label', 'model', 'travel', 'signal', 'total']) {
        assert.equal(pastParticiple(verb), `${verb}led`);
        assert.equal(pastParticiple(verb, { spelling: 'american' }), `${verb}ed`);
      }
      assert.equal(pastParticiple('relabel'), 'relabelled');
      // Stress on the last syllable doubles in both spellings.
      assert.equal(pastParticiple('control', { spelling: 'american' }), 'controlled');
    });

    it('reads facts, commands and neither, in every naming style', function () {
      const suggestions: Record<string, string> = {
        CreateShipment: 'ShipmentCreated', PlaceOrder: 'OrderPlaced', CreateOrder: 'OrderCreated', 'order.create': 'order.created',
        'send-email': 'email-sent', send_email: 'email_sent', ORDER_CREATE: 'ORDER_CREATED', createShipment: 'shipmentCreated',
        'shipping.create-shipment': 'shipping.shipment-created', 'com.example.order.create': 'com.example.order.created',
        'order.create.v1': 'order.created.v1', CreateOrderV2: 'OrderCreatedV2', SendSMS: 'SMSSent', PayInvoice: 'InvoicePaid',
        channelArchive: 'channelArchived', UserLogin: 'UserLoggedIn', AddItemToCart: 'ItemAddedToCart', WaitForApproval: 'WaitedForApproval',
        turnOnOff: 'turnedOnOff', ResetPassword: 'PasswordReset', ReadMessage: 'MessageRead', subscribe: 'subscribed', CancelRefund: 'RefundCancelled',
      };
      for (const [name, suggestion] of Object.entries(suggestions)) {
        const reading = readName(name);
        assert.equal(reading.kind, 'command', name);
        assert.equal(reading.kind === 'command' && reading.suggestion, suggestion, name);
      }
      for (const fact of ['OrderPlaced', 'order.placed', 'payment-captured', 'EmailSent', 'OrderPaid', 'MessageRead', 'UserSignedUp', 'OrderCancelledV2']) assert.equal(readName(fact).kind, 'fact', fact);
      // Nouns that are also verbs are read as nouns: a state, a snapshot or a line is not an instruction.
      for (const neutral of ['OrderSnapshot', 'OrderLine', 'ChatMessage', 'heartbeat', 'StockSnapshot', 'PaymentAuthorizationRequest', 'TestOutcome', 'OrderSubtotal', 'book', 'ping', 'FileHash', 'CrashReport', 'EventStream', 'CreditLimit']) {
        assert.equal(readName(neutral).kind, 'neutral', neutral);
      }
    });

    it('takes verbs and nouns from the options', function () {
      assert.deepEqual(readName('FrobnicateWidget'), { kind: 'neutral' });
      assert.equal((readName('FrobnicateWidget', { verbs: { frobnicate: 'frobnicated' } }) as { suggestion: string }).suggestion, 'WidgetFrobnicated');
      assert.equal((readName('ReindexCatalog', { verbs: { reindex: undefined } }) as { suggestion: string }).suggestion, 'CatalogReindexed');
      assert.equal(readName('PrintShippingLabel', { nouns: ['print'] }).kind, 'neutral');
    });
  });

  describe('check', function () {
    it('reports command names at the name, with the suggested fact, once per definition', async function () {
      assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': ORDERS })).lines, [
        'orders.yaml:30:13 Message name "CreateShipment" starts with the verb "create", an instruction, not a fact that happened: consumers of an event need to know what occurred. Name it "ShipmentCreated", or if it is a command, mark it with x-event-kind: command',
      ]);
    });

    it('reads the key when there is no name, and the 2.x messageId, in JSON', async function () {
      const json = JSON.stringify(
        {
          asyncapi: '2.6.0',
          info: { title: 'Mailer', version: '1.0.0' },
          channels: {
            'email.outbound': { subscribe: { operationId: 'sendEmail', message: { $ref: '#/components/messages/SendEmail' } } },
            'orders.cancel': { publish: { message: { $ref: '#/components/messages/order.cancel' } } },
          },
          components: { messages: { SendEmail: { messageId: 'sendEmail', payload: { type: 'object' } }, 'order.cancel': { payload: { type: 'object' } } } },
        },
        null,
        2,
      );
      assert.deepEqual((await findingsOf(RULE, { 'mailer.json': json })).lines.map((line) => line.replace(/, an instruction.*Name it/, ' … Name it').replace(/, or if.*/, '')), [
        'mailer.json:27:22 Message name "sendEmail" starts with the verb "send" … Name it "emailSent"',
        'mailer.json:32:7 Message name "order.cancel" ends with the verb "cancel" … Name it "order.cancelled"',
      ]);
    });

    it('leaves commands, queries and replies alone: by x-event-kind, tags, naming patterns and request/reply', async function () {
      const quiet = [
        'name: CreateShipment\nx-event-kind: command',
        'name: CreateShipment\nx-event-kind: Query',
        'name: CreateShipment\ntags:\n  - name: command',
        'name: CreateShipment\ntags:\n  - name: kind:command',
        'name: CreateShipmentCommand',
        'name: shipment.create.request',
        'name: GetShipment',
        'name: get-shipment',
        'name: CreateShipmentResponse',
        'name: OrderPlaced',
        'name: ShipmentCreatedV2',
      ];
      for (const message of quiet) assert.deepEqual((await findingsOf(RULE, { 'a.yaml': single(message) })).lines, [], message);
      // A 3.x tag that is a reference to components.tags.
      const referencedTag = single('name: CreateShipment\ntags:\n  - $ref: "#/components/tags/cmd"').replace('components:\n', 'components:\n  tags:\n    cmd: { name: Command }\n');
      assert.deepEqual((await findingsOf(RULE, { 'a.yaml': referencedTag })).lines, []);
    });

    it('checks what is marked as an event, and reports a kind it does not know', async function () {
      const marked = await findingsOf(RULE, { 'a.yaml': single('name: CreateShipmentCommand\nx-event-kind: event') });
      assert.equal(marked.lines.length, 1);
      assert.match(marked.lines[0]!, /"CreateShipmentCommand" starts with the verb "create".*Name it "ShipmentCreated"/);
      const unknown = await findingsOf(RULE, { 'a.yaml': single('name: OrderPlaced\nx-event-kind: fact') });
      assert.deepEqual(unknown.lines, ['a.yaml:17:21 x-event-kind "fact" is not one of event, command, query, reply, document: message "OrderPlaced" is checked as an event']);
    });

    it('skips requests that expect a reply, and their replies, unless told to check them', async function () {
      const rpc = `asyncapi: 3.0.0
info: { title: A, version: 1.0.0 }
channels:
  requests:
    address: stock.requests
    messages:
      reserve: { $ref: '#/components/messages/ReserveStock' }
  replies:
    address: stock.replies
    messages:
      reserved: { $ref: '#/components/messages/ConfirmReservation' }
operations:
  reserveStock:
    action: send
    channel: { $ref: '#/channels/requests' }
    messages: [{ $ref: '#/channels/requests/messages/reserve' }]
    reply:
      channel: { $ref: '#/channels/replies' }
      messages: [{ $ref: '#/channels/replies/messages/reserved' }]
components:
  messages:
    ReserveStock: { name: ReserveStock, payload: { type: object } }
    ConfirmReservation: { name: ConfirmReservation, payload: { type: object } }
`;
      assert.deepEqual((await findingsOf(RULE, { 'rpc.yaml': rpc })).lines, []);
      const checked = await findingsOf(RULE, { 'rpc.yaml': rpc }, 'rpc.yaml', config('checkRequestReply: true'));
      assert.deepEqual(checked.lines.map((line) => /Name it "([^"]+)"/.exec(line)?.[1]), ['StockReserved', 'ReservationConfirmed']);
    });

    it('follows the options: tags, patterns, spelling, verbs and nouns', async function () {
      const tagged = single('name: CancelOrder\ntags:\n  - name: instruction');
      assert.equal((await findingsOf(RULE, { 'a.yaml': tagged })).lines.length, 1);
      assert.deepEqual((await findingsOf(RULE, { 'a.yaml': tagged }, 'a.yaml', config('commandTags: [instruction]'))).lines, []);
      assert.deepEqual((await findingsOf(RULE, { 'a.yaml': single('name: cmd_cancel_order') }, 'a.yaml', config("commandPatterns: ['^cmd_']"))).lines, []);
      // Patterns are matched against the words too: one pattern covers every style.
      assert.deepEqual((await findingsOf(RULE, { 'a.yaml': single('name: CancelOrderInstruction') }, 'a.yaml', config("commandPatterns: ['\\.instruction$']"))).lines, []);
      assert.match((await findingsOf(RULE, { 'a.yaml': single('name: CancelOrder') }, 'a.yaml', config('spelling: american'))).lines[0]!, /Name it "OrderCanceled"/);
      assert.match((await findingsOf(RULE, { 'a.yaml': single('name: CancelOrder') })).lines[0]!, /Name it "OrderCancelled"/);
      assert.match((await findingsOf(RULE, { 'a.yaml': single('name: FrobnicateWidget') }, 'a.yaml', config('verbs: { frobnicate: frobnicated }'))).lines[0]!, /Name it "WidgetFrobnicated"/);
      assert.deepEqual((await findingsOf(RULE, { 'a.yaml': single('name: PrintLabel') }, 'a.yaml', config('nouns: [print]'))).lines, []);
      assert.deepEqual((await findingsOf(RULE, { 'a.yaml': single('name: CancelOrder\nx-kind: command') }, 'a.yaml', config('eventKindExtension: x-kind'))).lines, []);
    });

    it('takes the name from traits, and reports at the key', async function () {
      const traits = single('traits:\n  - $ref: "#/components/messageTraits/Named"\npayload: { type: object }').replace('components:\n', 'components:\n  messageTraits:\n    Named: { name: DeleteCustomer }\n');
      assert.deepEqual((await findingsOf(RULE, { 'a.yaml': traits })).lines.map((line) => line.slice(0, line.indexOf(' starts'))), ['a.yaml:17:5 Message name "DeleteCustomer"']);
    });

    it('reports a message defined in another file in that file', async function () {
      const shared = 'likeComment:\n  payload: { type: object }\ncommentLiked:\n  payload: { type: object }\n';
      const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  likes:\n    address: like/comment\n    messages:\n      likeComment: { $ref: './messages.yaml#/likeComment' }\n      commentLiked: { $ref: './messages.yaml#/commentLiked' }\n";
      const { lines } = await findingsOf(RULE, { 'frontend.yaml': document, 'messages.yaml': shared }, 'frontend.yaml');
      assert.deepEqual(lines.map((line) => line.slice(0, line.indexOf(' starts'))), ['messages.yaml:1:1 Message name "likeComment"']);
    });
  });

  describe('fix', function () {
    it('renames the message everywhere in the workspace, and says it breaks consumers', async function () {
      const files = { 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING };
      const { fixes } = await fixesOf(RULE, files, 'orders.yaml');
      assert.equal(fixes.length, 2);
      // The editor shows "<title> (breaking: <breaking>)", and fix-all leaves it out.
      assert.equal(fixes[0]!.title, 'Rename message "CreateShipment" to "ShipmentCreated" in 2 files');
      assert.equal(fixes[0]!.breaking, 'consumers that match on the old name "CreateShipment" (handlers, routing rules, registry subjects, a type header) no longer recognise the message');
      const fixed = await applyFix(RULE, files, /Rename message/, 'orders.yaml');
      await assertWorkspaceValid(fixed);
      assert.equal(
        fixed['orders.yaml'],
        ORDERS.replace("      CreateShipment:\n        $ref: '#/components/messages/CreateShipment'", "      ShipmentCreated:\n        $ref: '#/components/messages/ShipmentCreated'")
          .replace("'#/channels/createShipment/messages/CreateShipment'", "'#/channels/createShipment/messages/ShipmentCreated'")
          .replace('    CreateShipment: # owned by orders\n      name: CreateShipment\n      title: Create shipment', '    ShipmentCreated: # owned by orders\n      name: ShipmentCreated\n      title: Shipment created'),
      );
      // The copy in the consumer's document, with its own key style and quoting.
      assert.equal(
        fixed['shipping.yaml'],
        SHIPPING.replace('      createShipment:\n        $ref: "#/components/messages/createShipment"', '      shipmentCreated:\n        $ref: "#/components/messages/shipmentCreated"')
          .replace('"#/channels/createShipment/messages/createShipment"', '"#/channels/createShipment/messages/shipmentCreated"')
          .replace('    createShipment:\n      name: CreateShipment', '    shipmentCreated:\n      name: ShipmentCreated'),
      );
    });

    it('renames a message defined in a shared file, and the references of every document to it', async function () {
      const shared = '# shared messages\nlikeComment:\n  payload: { type: object }\n';
      const frontend = "asyncapi: 3.0.0\ninfo: { title: F, version: 1.0.0 }\nchannels:\n  likes:\n    address: like/comment\n    messages:\n      likeComment: { $ref: './common/messages.yaml#/likeComment' }\noperations:\n  sendLike:\n    action: send\n    channel: { $ref: '#/channels/likes' }\n    messages: [{ $ref: '#/channels/likes/messages/likeComment' }]\n";
      const backend = frontend.replace('title: F', 'title: B').replace('sendLike', 'onLike').replace('action: send', 'action: receive');
      const files = { 'frontend.yaml': frontend, 'backend.yaml': backend, 'common/messages.yaml': shared };
      const fixed = await applyFix(RULE, files, /Rename message "likeComment" to "commentLiked" in 3 files/, 'frontend.yaml');
      await assertWorkspaceValid(fixed);
      assert.equal(fixed['common/messages.yaml'], '# shared messages\ncommentLiked:\n  payload: { type: object }\n');
      for (const name of ['frontend.yaml', 'backend.yaml']) {
        assert.ok(fixed[name]!.includes("commentLiked: { $ref: './common/messages.yaml#/commentLiked' }"), fixed[name]);
        assert.ok(fixed[name]!.includes("messages: [{ $ref: '#/channels/likes/messages/commentLiked' }]"), fixed[name]);
      }
    });

    it('renames in JSON: name, messageId, key and references', async function () {
      const json = JSON.stringify(
        {
          asyncapi: '2.6.0',
          info: { title: 'Mailer', version: '1.0.0' },
          channels: { 'email.outbound': { subscribe: { operationId: 'sendEmail', message: { $ref: '#/components/messages/SendEmail' } } } },
          components: { messages: { SendEmail: { name: 'SendEmail', messageId: 'sendEmail', title: 'Send email', payload: { type: 'object' } } } },
        },
        null,
        2,
      );
      const fixed = JSON.parse((await applyFix(RULE, { 'mailer.json': json }, /to "EmailSent" in 1 file/))['mailer.json']!);
      assert.deepEqual(fixed.channels['email.outbound'].subscribe.message, { $ref: '#/components/messages/EmailSent' });
      assert.deepEqual(fixed.components.messages, { EmailSent: { name: 'EmailSent', messageId: 'emailSent', title: 'Email sent', payload: { type: 'object' } } });
    });

    it('gives a message named by a trait its own name', async function () {
      const traits = single('traits:\n  - $ref: "#/components/messageTraits/Named"\npayload: { type: object }').replace('components:\n', 'components:\n  messageTraits:\n    Named: { name: DeleteCustomer }\n');
      const fixed = await applyFix(RULE, { 'a.yaml': traits }, /to "CustomerDeleted"/);
      assert.match(fixed['a.yaml']!, /payload: \{ type: object \}\n {6}name: CustomerDeleted\n/);
    });

    it('marks a message that really is a command, as a decision for a person', async function () {
      const { fixes } = await fixesOf(RULE, { 'orders.yaml': ORDERS });
      const mark = fixes.find((fix) => fix.title === 'Mark message "CreateShipment" as a command (x-event-kind: command)');
      assert.ok(mark && mark.manualOnly && !mark.breaking);
      const fixed = await applyFix(RULE, { 'orders.yaml': ORDERS }, /Mark message/);
      assert.ok(fixed['orders.yaml']!.includes('    CreateShipment: # owned by orders\n      name: CreateShipment\n      title: Create shipment\n      payload:\n        type: object\n      x-event-kind: command\n'), fixed['orders.yaml']);
      const custom = "rules:\n  event-name-past-tense:\n    severity: warning\n    eventKindExtension: x-kind\n";
      const flow = await applyFix(RULE, { 'a.yaml': single('{ name: CancelOrder, payload: { type: object } }').replace('    M:\n      {', '    M: {').replace(' }\n', ' }\n') }, /Mark message "CancelOrder" as a command \(x-kind: command\)/, 'a.yaml', 0, custom);
      assert.ok(flow['a.yaml']!.includes('M: { name: CancelOrder, payload: { type: object }, x-kind: command }'), flow['a.yaml']);
    });

    it('is never applied by fix-all', async function () {
      const { fixes } = await fixesOf(RULE, { 'orders.yaml': ORDERS });
      assert.ok(fixes.every((fix) => fix.breaking || fix.manualOnly), 'every fix is breaking or a decision');
    });
  });
});
