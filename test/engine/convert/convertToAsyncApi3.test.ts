import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { convertToAsyncApi3 } from '../../../server/src/engine/convert/convertToAsyncApi3';

const SHOP = `# The shop's API
asyncapi: '2.6.0'
info:
  title: 'Shop'   # shown in the catalogue
  version: '1.0.0'
tags:
  # who owns it
  - name: orders
servers:
  prod:
    # the broker
    url: kafka.example.com:9092
    protocol: kafka
channels:
  # orders go here
  orders.placed:
    subscribe:
      # what we send
      operationId: sendOrderPlaced
      message:
        # one message
        $ref: '#/components/messages/OrderPlaced'
  payments.{region}:
    parameters:
      region:
        description: Where the payment was made.
        schema:
          type: string
          enum: [eu, us]
    publish:
      operationId: onPaymentDone
      message:
        oneOf:
          - name: PaymentDone
            payload:
              type: object
          - name: PaymentFailed
            schemaFormat: 'application/schema+json;version=draft-07'
            payload:
              # the reason
              type: object
components:
  messages:
    OrderPlaced:
      name: OrderPlaced
      payload:
        # an id
        type: object
`;

describe('convertToAsyncApi3', function () {
  it('converts a 2.6 document with nothing lost, keeping comments where their nodes went, and the quoting', function () {
    const result = convertToAsyncApi3(SHOP, 'file:///shop.yaml', 'yaml');
    assert.equal(result.status, 'converted');
    assert.equal(result.fromVersion, '2.6.0');
    assert.deepEqual(result.differences, []);
    assert.deepEqual(result.problems, []);
    const text = result.text!;
    for (const expected of [
      /^# The shop's API\nasyncapi: 3\.0\.0\n/,
      /\n {2}title: 'Shop' # shown in the catalogue\n/,
      /\n {2}tags:\n {4}# who owns it\n {4}- name: orders\n/,
      /\n {4}# the broker\n {4}host: kafka\.example\.com:9092\n/,
      /\n {2}# orders go here\n {2}orders\.placed:\n/,
      /\n {2}sendOrderPlaced:\n {4}# what we send\n {4}action: send\n/,
      /\n {6}sendOrderPlaced\.message:\n {8}# one message\n {8}\$ref: '#\/components\/messages\/OrderPlaced'\n/,
      /\n {10}schemaFormat: 'application\/schema\+json;version=draft-07'\n {10}schema:\n {12}# the reason\n {12}type: object\n/,
      /\n {6}payload:\n {8}# an id\n {8}type: object\n/,
      /\n {8}enum: \[ eu, us \]\n/,
    ]) {
      assert.match(text, expected);
    }
    const converted = parseYaml(text);
    assert.equal(converted.operations.onPaymentDone.action, 'receive', '2.x publish: the application receives');
    assert.deepEqual(result.notes, ['Found properties in parameter schema that are no longer supported. Conversion completes with empty parameter object. - schema.type with value: "string" are no longer supported']);
  });

  it('says which comments found no place', function () {
    const result = convertToAsyncApi3(SHOP.replace('        schema:\n', '        # a region code\n        schema:\n'), 'file:///shop.yaml', 'yaml');
    assert.ok(result.notes.includes('1 comment could not be kept: its node has no place in the 3.0 document (/channels/payments.{region}/parameters/region/schema).'), result.notes.join('\n'));
  });

  it('writes JSON as JSON, with the file\'s indentation and line ends', function () {
    const json = JSON.stringify(parseYaml(SHOP), null, 4).replace(/\n/g, '\r\n') + '\r\n';
    const result = convertToAsyncApi3(json, 'file:///shop.json', 'json');
    assert.equal(result.status, 'converted');
    assert.match(result.text!, /^\{\r\n {4}"asyncapi": "3\.0\.0",\r\n/);
    assert.ok(result.text!.endsWith('}\r\n'));
    assert.deepEqual(result.differences, []);
  });

  it('reports what did not survive: a parameter\'s pattern, a requirement of two schemes together', function () {
    const lossy = SHOP.replace('          enum: [eu, us]', '          pattern: ^[a-z]{2}$').replace(
      'components:\n',
      'components:\n  securitySchemes:\n    user: { type: userPassword }\n    key: { type: apiKey, in: user }\n',
    ).replace('    protocol: kafka\n', '    protocol: kafka\n    security:\n      - user: []\n        key: []\n');
    const result = convertToAsyncApi3(lossy, 'file:///shop.yaml', 'yaml');
    assert.deepEqual(
      result.differences.map((difference) => `${difference.kind} ${difference.old.pointer} → ${difference.new.pointer}`),
      [
        'security-requirement-removed /servers/prod/security/0 → /servers/prod/security',
        'security-requirement-added /servers/prod/security → /servers/prod/security/0',
        'security-requirement-added /servers/prod/security → /servers/prod/security/1',
        'pattern-removed /channels/payments.{region}/parameters/region/schema/pattern → /channels/payments.{region}/parameters/region',
      ],
    );
    const removed = result.differences[0]!;
    assert.match(removed.message, /key \+ user/);
    assert.equal(removed.old.range!.start.line, 14);
    assert.match(result.notes.join('\n'), /schema\.pattern/);
  });

  describe('inputs it does not convert, said and not thrown', function () {
    it('a 3.x document: nothing to do', function () {
      const result = convertToAsyncApi3('asyncapi: 3.0.0\ninfo: { title: x, version: "1" }\n', 'file:///a.yaml', 'yaml');
      assert.equal(result.status, 'up-to-date');
      assert.equal(result.text, undefined);
      assert.deepEqual(result.notes, ['The document is already AsyncAPI 3.0.0: there is nothing to convert.']);
    });
    it('broken YAML', function () {
      const result = convertToAsyncApi3('asyncapi: 2.6.0\ninfo: [\n', 'file:///a.yaml', 'yaml');
      assert.equal(result.status, 'refused');
      assert.match(result.errors[0]!, /^The document does not parse \(line \d+, column \d+: /);
    });
    it('an AsyncAPI 1.x document', function () {
      const result = convertToAsyncApi3('asyncapi: 1.2.0\ninfo: { title: x, version: "1" }\ntopics: {}\n', 'file:///a.yaml', 'yaml');
      assert.equal(result.status, 'refused');
      assert.match(result.errors[0]!, /AsyncAPI 1\.2\.0 cannot be converted here/);
    });
    it('a document that is not AsyncAPI', function () {
      assert.deepEqual(convertToAsyncApi3('- a\n- b\n', 'file:///a.yaml', 'yaml').errors, ['This is not an AsyncAPI document: it has no `asyncapi` version.']);
    });
    it('a document the converter throws on: the reason, not an exception', function () {
      const result = convertToAsyncApi3('asyncapi: 2.6.0\ninfo: { title: x, version: "1" }\nservers:\n  prod:\n    url: x\n    protocol: kafka\n    security:\n      - missing: [read]\nchannels: {}\n', 'file:///a.yaml', 'yaml');
      assert.equal(result.status, 'refused');
      assert.match(result.errors[0]!, /^The AsyncAPI converter refused the document: /);
    });
  });
});
