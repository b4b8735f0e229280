import * as assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { applyEdits } from '../../../server/src/engine/edits/applyEdits';
import { completeAt } from '../../../server/src/engine/navigation/completion';
import { SourceFile, formatOf } from '../../../server/src/engine/text/sourceFile';
import { navigationWorkspace, type NavigationWorkspace } from './navigationHarness';
import { SHOP_FILES } from './shopFixture';

/**
 * Each case edits one file of the shop workspace (`replace` → `with`, the cursor at `⟦c⟧`), asks
 * for completions there, and checks the labels offered and what accepting one writes.
 */
interface CompletionCase {
  what: string;
  file: string;
  replace: string;
  with: string;
  /** The labels offered, in the order given (all of them). */
  labels?: string[];
  /** Labels that must be among those offered. */
  includes?: string[];
  /** Labels that must not be. */
  excludes?: string[];
  /** Accepting this label makes this line of the file read as given. */
  accept?: { label: string; line: string | RegExp };
}

const cases: CompletionCase[] = [
  {
    what: 'an operation\'s message: only the messages of its channel',
    file: 'orders.yaml',
    replace: "      - $ref: '#/channels/orderPlaced/messages/OrderPlaced'",
    with: "      - $ref: ⟦c⟧",
    labels: ['#/channels/orderPlaced/messages/OrderPlaced'],
    accept: { label: '#/channels/orderPlaced/messages/OrderPlaced', line: "      - $ref: '#/channels/orderPlaced/messages/OrderPlaced'" },
  },
  {
    what: 'an operation\'s channel: the document\'s channels, inside the quotes typed',
    file: 'orders.yaml',
    replace: "      $ref: '#/channels/⟦channelRef⟧orderPlaced'",
    with: "      $ref: '#/channels/⟦c⟧'",
    labels: ['#/channels/orderPlaced', '#/channels/shared', '#/channels/confirmations'],
    accept: { label: '#/channels/shared', line: "      $ref: '#/channels/shared'" },
  },
  {
    what: 'a payload: component schemas, then the workspace\'s schema files (relative)',
    file: 'orders.yaml',
    replace: "        $ref: './schemas/order.schema.json'",
    with: '        $ref: ⟦c⟧',
    labels: ['#/components/schemas/Unused', './events.avsc', './schemas/money.schema.json', './schemas/order.schema.json'],
    accept: { label: './schemas/money.schema.json', line: "        $ref: './schemas/money.schema.json'" },
  },
  {
    what: 'a channel\'s message: component messages here and in other documents',
    file: 'billing.yaml',
    replace: "        $ref: '#/components/messages/OrderPlaced'",
    with: "        $ref: '⟦c⟧'",
    includes: ['#/components/messages/OrderPlaced', './orders.yaml#/components/messages/OrderPlaced', './legacy.yaml#/components/messages/Placed'],
    excludes: ['./schemas/order.schema.json'],
  },
  {
    what: 'a pointer into another file, key by key (containers end with / and ask for more)',
    file: 'orders.yaml',
    replace: "$ref: './schemas/order.schema.json#/definitions/⟦orderId⟧OrderId'",
    with: "$ref: './schemas/order.schema.json#/⟦c⟧'",
    labels: ['./schemas/order.schema.json#/$schema', './schemas/order.schema.json#/$id', './schemas/order.schema.json#/title', './schemas/order.schema.json#/description', './schemas/order.schema.json#/type', './schemas/order.schema.json#/required/', './schemas/order.schema.json#/properties/', './schemas/order.schema.json#/definitions/'],
  },
  {
    what: 'a pointer, one level further',
    file: 'orders.yaml',
    replace: "$ref: './schemas/order.schema.json#/definitions/⟦orderId⟧OrderId'",
    with: "$ref: './schemas/order.schema.json#/definitions/⟦c⟧'",
    labels: ['./schemas/order.schema.json#/definitions/OrderId'],
  },
  {
    what: 'runtime expressions from the message\'s actual header (trait) and payload (schema file, nested) fields',
    file: 'orders.yaml',
    replace: "        location: '$message.header#/⟦correlation⟧correlationId'",
    with: "        location: '⟦c⟧'",
    labels: ['$message.header#/correlationId', '$message.header#/traceparent', '$message.payload#/orderId', '$message.payload#/total', '$message.payload#/total/amount', '$message.payload#/total/currency', '$message.payload#/shippingAddress', '$message.payload#/shippingAddress/city'],
  },
  {
    what: 'a channel parameter\'s location: the fields of the channel\'s messages, quoted as needed',
    file: 'orders.yaml',
    replace: "        location: '$message.payload#/orderId'",
    with: '        location: ⟦c⟧',
    includes: ['$message.payload#/orderId', '$message.header#/correlationId'],
    accept: { label: '$message.payload#/orderId', line: "        location: '$message.payload#/orderId'" },
  },
  {
    what: 'a runtime expression started anywhere in a message (`$` typed)',
    file: 'orders.yaml',
    replace: '      contentType: application/json',
    with: '      x-partition-key: $⟦c⟧',
    includes: ['$message.payload#/orderId', '$message.header#/correlationId'],
    accept: { label: '$message.payload#/orderId', line: "      x-partition-key: '$message.payload#/orderId'" },
  },
  {
    what: '`action`: send and receive',
    file: 'orders.yaml',
    replace: '    ⟦action⟧action: send',
    with: '    action: ⟦c⟧',
    labels: ['send', 'receive'],
    accept: { label: 'receive', line: '    action: receive' },
  },
  {
    what: 'bindings: the protocols (the document\'s servers\' first), with the latest binding version',
    file: 'orders.yaml',
    replace: '      kafka:\n        ⟦partitions⟧partitions: 6',
    with: '      ⟦c⟧\n      kafka:\n        partitions: 6',
    includes: ['amqp', 'mqtt', 'http', 'ws'],
    excludes: ['kafka'],
  },
  {
    what: 'a binding\'s fields for its protocol, without those already there',
    file: 'orders.yaml',
    replace: '        ⟦kafkaKey⟧',
    with: '        ⟦c⟧',
    labels: ['topic', 'replicas', 'topicConfiguration', 'bindingVersion'],
  },
  {
    what: 'a binding\'s nested object: its fields',
    file: 'orders.yaml',
    replace: '        ⟦kafkaKey⟧',
    with: '        topicConfiguration:\n          ⟦c⟧',
    includes: ['cleanup.policy', 'retention.ms', 'max.message.bytes'],
  },
  {
    what: 'an enum field of a binding: its values',
    file: 'orders.yaml',
    replace: '        ⟦kafkaKey⟧',
    with: '        bindingVersion: ⟦c⟧',
    labels: ['0.5.0', '0.4.0', '0.3.0'],
    accept: { label: '0.4.0', line: "        bindingVersion: '0.4.0'" },
  },
  {
    what: 'a new item of an operation\'s messages: the $ref to each message of its channel',
    file: 'orders.yaml',
    replace: "      - $ref: '#/channels/orderPlaced/messages/OrderPlaced'",
    with: '      - ⟦c⟧',
    labels: ['$ref: OrderPlaced'],
    accept: { label: '$ref: OrderPlaced', line: "      - $ref: '#/channels/orderPlaced/messages/OrderPlaced'" },
  },
  {
    what: 'an operation\'s empty `channel:`: a $ref object to each channel',
    file: 'orders.yaml',
    replace: "    channel:\n      $ref: '#/channels/shared'",
    with: '    channel: ⟦c⟧',
    labels: ['orderPlaced', 'shared', 'confirmations'],
    accept: { label: 'confirmations', line: '    channel:' },
  },
  {
    what: 'a new key under a channel\'s messages: the component messages it does not have',
    file: 'billing.yaml',
    replace: '      OrderPlaced:\n        $ref',
    with: '      ⟦c⟧\n      OrderPlaced:\n        $ref',
    labels: [],
  },
  {
    what: 'JSON: a $ref inside its quotes',
    file: 'catalog.json',
    replace: '"#/components/messages/⟦jsonRef⟧ProductChanged"',
    with: '"#/components/messages/⟦c⟧"',
    labels: ['#/components/messages/ProductChanged'],
    accept: { label: '#/components/messages/ProductChanged', line: '        "ProductChanged": { "$ref": "#/components/messages/ProductChanged" }' },
  },
  {
    what: 'AsyncAPI 2.x: a message $ref',
    file: 'legacy.yaml',
    replace: "        $ref: '#/components/messages/⟦legacyRef⟧Placed'",
    with: "        $ref: '⟦c⟧'",
    includes: ['#/components/messages/Placed'],
  },
  {
    what: 'nothing in a description',
    file: 'orders.yaml',
    replace: '      summary: A customer placed an order.',
    with: '      summary: A customer ⟦c⟧placed an order.',
    labels: [],
  },
];

describe('navigation: completion', function () {
  for (const testCase of cases) {
    it(testCase.what, async function () {
      const original = SHOP_FILES[testCase.file]!;
      assert.ok(original.includes(testCase.replace), `the fixture ${testCase.file} has ${JSON.stringify(testCase.replace)}`);
      const workspace = await navigationWorkspace({ ...SHOP_FILES, [testCase.file]: original.replace(testCase.replace, testCase.with) });
      const list = await completeAt(workspace.engine, workspace.uri(testCase.file), workspace.at(testCase.file, 'c'));
      const labels = sorted(list.items).map((item) => item.label);
      if (testCase.labels) assert.deepEqual(labels, testCase.labels);
      for (const label of testCase.includes ?? []) assert.ok(labels.includes(label), `${label} is offered among ${JSON.stringify(labels)}`);
      for (const label of testCase.excludes ?? []) assert.ok(!labels.includes(label), `${label} is not offered`);
      if (testCase.accept) {
        const item = list.items.find((candidate) => candidate.label === testCase.accept!.label);
        assert.ok(item, `${testCase.accept.label} is offered`);
        const result = accept(workspace, testCase.file, item);
        const line = result.split('\n')[workspace.at(testCase.file, 'c').line]!;
        if (typeof testCase.accept.line === 'string') assert.equal(line, testCase.accept.line);
        else assert.match(line, testCase.accept.line);
      }
    });
  }

  it('a new key under a channel\'s messages offers the component messages, and writes the $ref below the key', async function () {
    const workspace = await navigationWorkspace({
      'a.yaml': ['asyncapi: 3.0.0', 'info: { title: A, version: 1.0.0 }', 'channels:', '  placed:', '    messages:', '      ⟦c⟧', 'components:', '  messages:', '    OrderPlaced: { payload: { type: object } }', "    'Order Shipped': { payload: { type: object } }", ''].join('\n'),
    });
    const list = await completeAt(workspace.engine, workspace.uri('a.yaml'), workspace.at('a.yaml', 'c'));
    assert.deepEqual(list.items.map((item) => item.label), ['OrderPlaced', 'Order Shipped']);
    const result = accept(workspace, 'a.yaml', list.items[1]!);
    assert.match(result, /\n {6}'Order Shipped':\n {8}\$ref: '#\/components\/messages\/Order%20Shipped'\ncomponents:/);
  });

  it('an empty `channel:` becomes a block with the $ref, indented under the key', async function () {
    const workspace = await navigationWorkspace({ ...SHOP_FILES, 'orders.yaml': SHOP_FILES['orders.yaml']!.replace("    channel:\n      $ref: '#/channels/shared'", '    channel: ⟦c⟧') });
    const list = await completeAt(workspace.engine, workspace.uri('orders.yaml'), workspace.at('orders.yaml', 'c'));
    const result = accept(workspace, 'orders.yaml', list.items.find((item) => item.label === 'shared')!);
    assert.match(result, /  shipOrder:\n    action: send\n    channel:\n      \$ref: '#\/channels\/shared'\n  broken:/);
  });

  it('a protocol of bindings is written with its latest binding version, as a snippet', async function () {
    const workspace = await navigationWorkspace({ ...SHOP_FILES, 'orders.yaml': SHOP_FILES['orders.yaml']!.replace('      kafka:\n        ⟦partitions⟧partitions: 6', '      ⟦c⟧\n      kafka:\n        partitions: 6') });
    const list = await completeAt(workspace.engine, workspace.uri('orders.yaml'), workspace.at('orders.yaml', 'c'));
    const amqp = list.items.find((item) => item.label === 'amqp')!;
    assert.equal(amqp.insertTextFormat, 2);
    assert.equal((amqp.textEdit as TextEdit).newText, "amqp:\n        bindingVersion: '0.3.0'\n        $0");
    assert.equal(amqp.detail, 'AMQP 0-9-1 channel binding 0.3.0');
  });

  it('a $ref in a YAML flow mapping (the line alone does not say which key it is)', async function () {
    const workspace = await navigationWorkspace({
      'a.yaml': ['asyncapi: 3.0.0', 'info: { title: A, version: 1.0.0 }', 'channels:', "  placed: { address: a, messages: { M: { $ref: '#/components/messages/⟦c⟧' } } }", 'components:', '  messages:', '    OrderPlaced: { payload: { type: object } }', ''].join('\n'),
    });
    const list = await completeAt(workspace.engine, workspace.uri('a.yaml'), workspace.at('a.yaml', 'c'));
    assert.deepEqual(list.items.map((item) => item.label), ['#/components/messages/OrderPlaced']);
    assert.match(accept(workspace, 'a.yaml', list.items[0]!), /\{ M: \{ \$ref: '#\/components\/messages\/OrderPlaced' \} \}/);
  });

  // Regression: a YAML text that opens with a line feed sent the walk up the lines above into an endless loop.
  for (const [what, text] of [
    ['the document "\\n", on its second line', '\n⟦c⟧'],
    ['the document "\\n", on its first line', '⟦c⟧\n'],
    ['a document after a leading line feed', '\n⟦c⟧\nasyncapi: 3.0.0\n'],
  ] as const) {
    it(`answers, with nothing to offer, at the top of ${what}`, async function () {
      const workspace = await navigationWorkspace({ 'a.yaml': text });
      const list = await completeAt(workspace.engine, workspace.uri('a.yaml'), workspace.at('a.yaml', 'c'));
      assert.deepEqual(list.items, []);
    });
  }

  it('after a leading line feed, a new key under a channel\'s messages still offers the component messages', async function () {
    const workspace = await navigationWorkspace({
      'a.yaml': ['', 'asyncapi: 3.0.0', 'info: { title: A, version: 1.0.0 }', 'channels:', '  placed:', '    messages:', '      ⟦c⟧', 'components:', '  messages:', '    OrderPlaced: { payload: { type: object } }', ''].join('\n'),
    });
    const list = await completeAt(workspace.engine, workspace.uri('a.yaml'), workspace.at('a.yaml', 'c'));
    assert.deepEqual(list.items.map((item) => item.label), ['OrderPlaced']);
  });

  it('enum fields of a binding are offered as snippet choices', async function () {
    const workspace = await navigationWorkspace({
      'a.yaml': ['asyncapi: 3.0.0', 'info: { title: A, version: 1.0.0 }', 'channels:', '  jobs:', '    bindings:', '      amqp:', '        ⟦c⟧', ''].join('\n'),
    });
    const list = await completeAt(workspace.engine, workspace.uri('a.yaml'), workspace.at('a.yaml', 'c'));
    const is = list.items.find((item) => item.label === 'is');
    assert.equal((is?.textEdit as TextEdit).newText, 'is: ${1|queue,routingKey|}');
    assert.ok(list.items.some((item) => item.label === 'exchange'));
  });
});

/** Items in the order an editor shows them (by sort text, then label). */
function sorted(items: CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

/** The file's text after accepting a completion item (snippet placeholders left as written). */
function accept(workspace: NavigationWorkspace, file: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  assert.ok(edit && 'range' in edit, `${item.label} has a text edit`);
  const uri = workspace.uri(file);
  return applyEdits(new SourceFile(uri, workspace.text(file), 0, formatOf(uri)), [{ range: edit.range, newText: edit.newText }]);
}
