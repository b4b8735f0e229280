import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { type MessageInterface, Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parseDocument } from 'yaml';
import { fromRepoRoot } from './repoRoot';
import { type Expansion, type SnippetNode, expandSnippet, parseSnippet } from './snippetSyntax';

interface SnippetDefinition {
  readonly prefix: string | readonly string[];
  readonly description: string;
  readonly body: string | readonly string[];
  readonly isFileTemplate?: boolean;
}

type SnippetFile = Record<string, SnippetDefinition>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * What each snippet is and where it goes. A document is inserted into an empty file; the other
 * snippets are pasted into the expanded document at `mountPath` (merged key by key, or replacing the
 * keys they define with `replace`) and the result must still be a valid AsyncAPI document.
 */
interface SnippetRole {
  readonly kind: 'asyncapi-document' | 'asyncapi-fragment' | 'json-schema';
  readonly mountPath?: readonly string[];
  readonly replace?: boolean;
}

const ROLES: Readonly<Record<string, SnippetRole>> = {
  'asyncapi-document': { kind: 'asyncapi-document' },
  'asyncapi-channel': { kind: 'asyncapi-fragment', mountPath: [] },
  'event-message': { kind: 'asyncapi-fragment', mountPath: ['components', 'messages'], replace: true },
  'asyncapi-kafka-key': { kind: 'asyncapi-fragment', mountPath: ['components', 'messages', 'OrderPlaced'] },
  'asyncapi-dead-letter': { kind: 'asyncapi-fragment', mountPath: [] },
  'event-schema': { kind: 'json-schema' },
};

const FORMATS = ['yaml', 'json'] as const;
type Format = (typeof FORMATS)[number];

function loadSnippets(format: Format): SnippetFile {
  const text = fs.readFileSync(fromRepoRoot('snippets', `asyncapi-${format}.code-snippets`), 'utf8');
  return JSON.parse(text) as SnippetFile;
}

function bodyText(snippet: SnippetDefinition): string {
  return typeof snippet.body === 'string' ? snippet.body : snippet.body.join('\n');
}

function prefixOf(snippet: SnippetDefinition): string {
  assert.equal(typeof snippet.prefix, 'string', 'one prefix per snippet');
  return snippet.prefix as string;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses an expanded snippet: YAML strictly (no duplicate keys, no warnings); JSON members wrapped in braces. */
function parseExpansion(format: Format, text: string, role: SnippetRole): JsonObject {
  if (format === 'yaml') {
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    assert.deepEqual(doc.errors.map(String), [], 'YAML errors');
    assert.deepEqual(doc.warnings.map(String), [], 'YAML warnings');
    const value: unknown = doc.toJS();
    assert.ok(isObject(value), 'a YAML snippet is a mapping');
    return value;
  }
  const isWholeDocument = role.kind !== 'asyncapi-fragment';
  const value: unknown = JSON.parse(isWholeDocument ? text : `{${text}}`);
  assert.ok(isObject(value), 'a JSON snippet is an object or object members');
  return value;
}

function tabstopNodes(nodes: readonly SnippetNode[], out: Extract<SnippetNode, { kind: 'tabstop' }>[] = []) {
  for (const node of nodes) {
    if (node.kind === 'tabstop') out.push(node);
    if (node.kind !== 'text') tabstopNodes(node.children, out);
  }
  return out;
}

function getPath(root: JsonObject, path: readonly string[]): JsonObject {
  let node: Json = root;
  for (const key of path) {
    assert.ok(isObject(node) && isObject(node[key]), `document has /${path.join('/')}`);
    node = node[key];
  }
  return node as JsonObject;
}

/** Deep-merges `source` into `target`; only objects merge, any other clash is a test failure. */
function mergeInto(target: JsonObject, source: JsonObject, at: string): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (existing === undefined) target[key] = value;
    else if (isObject(existing) && isObject(value)) mergeInto(existing, value, `${at}/${key}`);
    else assert.fail(`snippet would overwrite ${at}/${key}`);
  }
}

function mount(document: JsonObject, fragment: JsonObject, role: SnippetRole): JsonObject {
  const copy = structuredClone(document);
  const target = getPath(copy, role.mountPath ?? []);
  if (role.replace) Object.assign(target, structuredClone(fragment));
  else mergeInto(target, structuredClone(fragment), '');
  return copy;
}

async function parseAsyncApi(document: JsonObject | string) {
  const text = typeof document === 'string' ? document : JSON.stringify(document, null, 2);
  const { document: parsed, diagnostics } = await new Parser().parse(text);
  const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message} at /${d.path.join('/')}`);
  assert.deepEqual(errors, [], 'AsyncAPI parser errors');
  assert.ok(parsed, 'the parser returned a document');
  return parsed;
}

/** Message examples must satisfy their headers and payload schemas (the parser does not check this for 3.x). */
function assertExamplesValid(message: MessageInterface): void {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const examples = message.examples().all();
  assert.ok(examples.length > 0, 'the message has an example');
  for (const example of examples) {
    for (const [part, schema] of [
      ['headers', message.headers()?.json()],
      ['payload', message.payload()?.json()],
    ] as const) {
      const value = part === 'headers' ? example.headers() : example.payload();
      if (!schema) continue;
      const validate = ajv.compile(schema as object);
      assert.ok(validate(value), `example ${example.name()} ${part}: ${ajv.errorsText(validate.errors)}`);
    }
  }
}

const snippets: Record<Format, SnippetFile> = { yaml: loadSnippets('yaml'), json: loadSnippets('json') };

function expansionsOf(format: Format): Map<string, { snippet: SnippetDefinition; expansion: Expansion; value: JsonObject }> {
  const out = new Map<string, { snippet: SnippetDefinition; expansion: Expansion; value: JsonObject }>();
  for (const snippet of Object.values(snippets[format])) {
    const prefix = prefixOf(snippet);
    const role = ROLES[prefix];
    assert.ok(role, `snippet ${prefix} has a role in this test`);
    const expansion = expandSnippet(bodyText(snippet));
    out.set(prefix, { snippet, expansion, value: parseExpansion(format, expansion.text, role) });
  }
  return out;
}

describe('AsyncAPI snippets', () => {
  for (const format of FORMATS) {
    describe(`${format} snippets`, () => {
      const file = snippets[format];

      it('define exactly the expected prefixes, each with a description', () => {
        const prefixes = Object.values(file).map(prefixOf);
        assert.deepEqual([...prefixes].sort(), Object.keys(ROLES).sort());
        for (const snippet of Object.values(file)) {
          assert.match(prefixOf(snippet), /^(asyncapi|event)-[a-z-]+$/);
          assert.ok(snippet.description.length > 40, `${prefixOf(snippet)} has a real description`);
        }
      });

      for (const [name, snippet] of Object.entries(file)) {
        const prefix = prefixOf(snippet);
        describe(`${prefix} (${name})`, () => {
          const body = bodyText(snippet);

          it('expands without unknown variables (every literal $ is escaped)', () => {
            assert.deepEqual(expandSnippet(body).unknownVariables, []);
          });

          it('numbers its tab stops 1..n, each with one default that its mirrors repeat', () => {
            const nodes = tabstopNodes(parseSnippet(body));
            const indexes = [...new Set(nodes.map((n) => n.index))].filter((i) => i !== 0).sort((a, b) => a - b);
            assert.deepEqual(indexes, indexes.map((_, i) => i + 1));
            for (const index of indexes) {
              const defaults = nodes.filter((n) => n.index === index && n.children.length > 0);
              assert.equal(defaults.length, 1, `tab stop ${index} has exactly one default; the others mirror it`);
            }
          });

          it(format === 'yaml' ? 'indents with two spaces' : 'indents with tabs (the editor converts them)', () => {
            const lines = Array.isArray(snippet.body) ? (snippet.body as string[]) : body.split('\n');
            let previous = 0;
            for (const line of lines) {
              const indent = /^[ \t]*/.exec(line)![0];
              if (format === 'yaml') {
                assert.ok(!indent.includes('\t'), `no tabs in YAML: ${JSON.stringify(line)}`);
                assert.equal(indent.length % 2, 0, `even indentation: ${JSON.stringify(line)}`);
                assert.ok(indent.length <= previous + 2, `indentation grows by 2 at most: ${JSON.stringify(line)}`);
                previous = /^ *(- )*/.exec(line)![0].length;
              } else {
                assert.ok(!indent.includes(' '), `JSON indentation is tabs: ${JSON.stringify(line)}`);
              }
            }
          });

          it(`expands to valid ${format === 'yaml' ? 'YAML' : 'JSON'}`, () => {
            const role = ROLES[prefix]!;
            parseExpansion(format, expandSnippet(body).text, role);
          });
        });
      }
    });
  }

  describe('YAML and JSON variants', () => {
    it('produce the same data, tab stops and descriptions', () => {
      const yaml = expansionsOf('yaml');
      const json = expansionsOf('json');
      for (const [prefix, y] of yaml) {
        const j = json.get(prefix);
        assert.ok(j, `${prefix} exists in JSON too`);
        assert.deepEqual(j.value, y.value, `${prefix}: same data`);
        assert.deepEqual([...j.expansion.tabstops.values()], [...y.expansion.tabstops.values()], `${prefix}: same tab stops`);
        assert.equal(j.snippet.description, y.snippet.description, `${prefix}: same description`);
        assert.equal(j.snippet.isFileTemplate, y.snippet.isFileTemplate, `${prefix}: same isFileTemplate`);
      }
    });
  });

  for (const format of FORMATS) {
    describe(`${format} snippets as AsyncAPI`, function () {
      this.timeout(30_000);
      type Expanded = ReturnType<typeof expansionsOf>;
      let expanded: Expanded;
      let base: NonNullable<ReturnType<Expanded['get']>>;
      before(() => {
        expanded = expansionsOf(format);
        base = expanded.get('asyncapi-document')!;
      });

      it('asyncapi-document is a valid AsyncAPI 3.0 document, wired channel → operation → message', async () => {
        const doc = await parseAsyncApi(base.expansion.text);
        assert.equal(doc.version(), '3.0.0');
        assert.equal(doc.servers().get('production')?.protocol(), 'kafka');
        const operation = doc.operations().get('sendOrderPlaced');
        assert.ok(operation, 'operation id = action + message name');
        assert.equal(operation.action(), 'send');
        assert.deepEqual(operation.channels().all().map((c) => c.id()), ['orderPlaced']);
        assert.deepEqual(operation.messages().all().map((m) => m.name()), ['OrderPlaced']);
        const channel = doc.channels().get('orderPlaced')!;
        assert.equal(channel.address(), 'orders.order-placed.v1');
        assert.deepEqual(channel.servers().all().map((s) => s.id()), ['production']);
        const message = doc.components().messages().get('OrderPlaced')!;
        assert.equal(message.correlationId()?.location(), '$message.header#/correlationId');
        const headers = message.headers()?.json() as { required?: string[] };
        assert.deepEqual(headers.required, ['eventId', 'correlationId', 'traceparent']);
        assert.equal(message.extensions().get('x-ordering-key')?.value(), '$message.payload#/orderId');
        assert.ok(message.bindings().get('kafka')?.value().key, 'Kafka message key');
        assertExamplesValid(message);
      });

      it('asyncapi-document offers send/receive and names the operation after both', () => {
        const action = base.expansion.tabstops.get(10);
        assert.deepEqual(action?.choices, ['send', 'receive']);
        assert.ok(base.expansion.text.includes('sendOrderPlaced'));
      });

      it('asyncapi-channel adds a channel, an operation and a message that reference each other', async () => {
        const { value, expansion } = expanded.get('asyncapi-channel')!;
        assert.deepEqual(expansion.tabstops.get(4)?.choices, ['send', 'receive']);
        const doc = await parseAsyncApi(mount(base.value, value, ROLES['asyncapi-channel']!));
        const operation = doc.operations().get('sendOrderShipped');
        assert.ok(operation);
        assert.deepEqual(operation.channels().all().map((c) => c.id()), ['orderShipped']);
        assert.equal(doc.channels().get('orderShipped')?.address(), 'orders.order-shipped.v1');
        assert.deepEqual(operation.messages().all().map((m) => m.name()), ['OrderShipped']);
        assert.ok(doc.components().messages().get('OrderShipped'));
      });

      it('event-message has the standard headers, a correlationId in the header and a valid example', async () => {
        const { value } = expanded.get('event-message')!;
        assert.deepEqual(Object.keys(value), ['OrderPlaced'], 'a past-tense event name');
        const doc = await parseAsyncApi(mount(base.value, value, ROLES['event-message']!));
        const message = doc.components().messages().get('OrderPlaced')!;
        assert.equal(message.correlationId()?.location(), '$message.header#/correlationId');
        const headers = message.headers()?.json() as { required: string[]; properties: Record<string, { type: string; format?: string; pattern?: string }> };
        assert.deepEqual(headers.required, ['eventId', 'correlationId', 'traceparent']);
        assert.deepEqual(Object.keys(headers.properties), ['eventId', 'correlationId', 'traceparent', 'tracestate']);
        assert.equal(headers.properties.eventId?.format, 'uuid');
        const traceparent = new RegExp(headers.properties.traceparent!.pattern!);
        assert.match('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', traceparent);
        assert.doesNotMatch('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7', traceparent);
        assert.doesNotMatch('00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01', traceparent, 'W3C requires lowercase hex');
        assertExamplesValid(message);
        // The example check is not vacuous: a broken example fails it.
        const broken = structuredClone(value);
        const example = (broken.OrderPlaced as JsonObject).examples as JsonObject[];
        (example[0]!.headers as JsonObject).eventId = 42;
        const brokenDoc = await parseAsyncApi(mount(base.value, broken, ROLES['event-message']!));
        assert.throws(() => assertExamplesValid(brokenDoc.components().messages().get('OrderPlaced')!), /eventId|must be string/);
      });

      it('asyncapi-kafka-key adds a Kafka key schema and an x-ordering-key that points into the payload', async () => {
        const { value } = expanded.get('asyncapi-kafka-key')!;
        const withoutKey = structuredClone(base.value);
        const message = getPath(withoutKey, ['components', 'messages', 'OrderPlaced']);
        delete message.bindings;
        delete message['x-ordering-key'];
        const doc = await parseAsyncApi(mount(withoutKey, value, ROLES['asyncapi-kafka-key']!));
        const parsed = doc.components().messages().get('OrderPlaced')!;
        const kafka = parsed.bindings().get('kafka');
        assert.equal(kafka?.version(), '0.5.0');
        assert.deepEqual((kafka?.value().key as { type: string }).type, 'string');
        const orderingKey = parsed.extensions().get('x-ordering-key')?.value() as string;
        const match = /^\$message\.payload#\/(.+)$/.exec(orderingKey);
        assert.ok(match, `x-ordering-key is a payload runtime expression: ${orderingKey}`);
        const payload = parsed.payload()?.json() as { properties: Record<string, unknown> };
        assert.ok(payload.properties[match[1]!], `x-ordering-key names a payload property (${match[1]})`);
      });

      it('asyncapi-dead-letter adds <address>.dlq and names it in x-dead-letter of a receive operation', async () => {
        const { value } = expanded.get('asyncapi-dead-letter')!;
        const doc = await parseAsyncApi(mount(base.value, value, ROLES['asyncapi-dead-letter']!));
        const source = doc.channels().get('orderPlaced')!;
        const deadLetter = doc.channels().get('orderPlacedDeadLetter');
        assert.ok(deadLetter);
        assert.equal(deadLetter.address(), `${source.address()}.dlq`);
        const receive = doc.operations().get('onOrderPlaced')!;
        assert.equal(receive.action(), 'receive');
        assert.deepEqual(receive.channels().all().map((c) => c.id()), ['orderPlaced']);
        // After $ref resolution the extension holds the dead-letter channel itself.
        const target = receive.extensions().get('x-dead-letter')?.value() as { address?: string };
        assert.equal(target.address, 'orders.order-placed.v1.dlq');
        const park = doc.operations().get('deadLetterOrderPlaced')!;
        assert.equal(park.action(), 'send');
        assert.deepEqual(park.channels().all().map((c) => c.id()), ['orderPlacedDeadLetter']);
      });
    });
  }

  describe('event-schema', () => {
    for (const format of FORMATS) {
      it(`(${format}) is a closed JSON Schema 2020-12 whose example validates`, () => {
        const { value } = expansionsOf(format).get('event-schema')!;
        assert.equal(value.$schema, 'https://json-schema.org/draft/2020-12/schema');
        assert.equal(typeof value.$id, 'string');
        assert.equal(value.type, 'object');
        assert.equal(value.additionalProperties, false);
        const ajv = new Ajv2020({ strict: true, allErrors: true });
        addFormats(ajv);
        const validate = ajv.compile(value);
        const [example] = value.examples as JsonObject[];
        assert.ok(example);
        assert.ok(validate(example), ajv.errorsText(validate.errors));
        assert.equal(validate({ ...example, extra: 1 }), false, 'unknown properties are rejected');
        assert.equal(validate({ ...example, occurredAt: 'yesterday' }), false, 'occurredAt is a date-time');
        const { occurredAt: _omitted, ...withoutTime } = example;
        assert.equal(validate(withoutTime), false, 'occurredAt is required');
        assert.deepEqual(value.required, ['orderId', 'occurredAt']);
      });
    }
  });
});
