import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as avro from 'avsc';
import * as fc from 'fast-check';
import { URI } from 'vscode-uri';
import { avroExample, jsonSchemaExample } from '../../../server/src/engine/discipline/exampleGenerator';
import { samplePattern } from '../../../server/src/engine/discipline/examplePattern';
import { bundleSchema } from '../../../server/src/engine/schemas/bundle';
import { compileCached } from '../../../server/src/engine/schemas/validators';
import type { JsonSchemaDialect } from '../../../server/src/engine/workspace/fileKind';
import { findRepoRoot } from '../../grammar/repoRoot';

/** Generates, then checks with ajv itself: the example must be valid, whatever the generator claims. */
function generated(schema: unknown, dialect: JsonSchemaDialect = 'draft-07'): unknown {
  const value = jsonSchemaExample(schema, dialect);
  assert.notEqual(value, undefined, `an example for ${JSON.stringify(schema)}`);
  const validate = compileCached(dialect, schema);
  assert.ok(!(validate instanceof Error));
  assert.ok(validate(value), `${JSON.stringify(value)} is valid for ${JSON.stringify(schema)}: ${JSON.stringify(validate.errors)}`);
  return value;
}

describe('example generator (message-examples)', function () {
  describe('JSON Schema', function () {
    it('fills required and optional properties, nested objects and arrays of one item', function () {
      assert.deepEqual(
        generated({
          type: 'object',
          required: ['orderId'],
          properties: {
            orderId: { type: 'string', format: 'uuid' },
            placedAt: { type: 'string', format: 'date-time' },
            email: { type: 'string', format: 'email' },
            site: { type: 'string', format: 'uri' },
            city: { type: 'string' },
            lines: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } } } },
          },
          additionalProperties: false,
        }),
        {
          orderId: '3b241101-e2bb-4255-8caf-4136c566a962',
          placedAt: '2024-01-15T09:30:00Z',
          email: 'user@example.com',
          site: 'https://example.com/resource',
          city: 'city',
          lines: [{ sku: 'sku', quantity: 1 }],
        },
      );
    });

    it('takes const, the first enum value, and valid examples and defaults', function () {
      assert.deepEqual(generated({ type: 'object', properties: { v: { const: 2 }, channel: { enum: ['web', 'pos'] }, currency: { type: 'string', examples: ['EUR'] }, retries: { type: 'integer', default: 3 } } }), { v: 2, channel: 'web', currency: 'EUR', retries: 3 });
      // A default the schema rejects is not used: the example must be valid.
      assert.deepEqual(generated({ type: 'object', properties: { retries: { type: 'integer', minimum: 5, default: 3 } } }), { retries: 5 });
    });

    it('keeps numbers within bounds, exclusive bounds (draft-04 and later) and multiples', function () {
      assert.equal(generated({ type: 'integer', minimum: 10, maximum: 20 }), 10);
      assert.equal(generated({ type: 'integer', exclusiveMinimum: 10 }), 11);
      assert.equal(generated({ type: 'integer', minimum: 10, exclusiveMinimum: true }, 'draft-04'), 11);
      assert.equal(generated({ type: 'number', maximum: -3 }), -3);
      assert.equal(generated({ type: 'number', exclusiveMaximum: 0 }), -1);
      assert.equal(generated({ type: 'number', minimum: 0.1, multipleOf: 0.25 }), 0.25);
      assert.equal(generated({ type: 'integer', minimum: 7, multipleOf: 5 }), 10);
      assert.equal(generated({ type: 'number' }), 1.5);
    });

    it('keeps strings within their lengths and patterns', function () {
      assert.equal(generated({ type: 'string', minLength: 12 }), 'examplexxxxx');
      assert.equal(generated({ type: 'string', maxLength: 3 }), 'exa');
      assert.equal(generated({ type: 'string', pattern: '^ord_[0-9A-Za-z]{12}$' }), 'ord_0123456789AB');
      assert.deepEqual(generated({ type: 'object', properties: { countryCode: { type: 'string', pattern: '^[A-Z]{2}$' } } }), { countryCode: 'AB' });
      assert.equal(generated({ type: 'string', pattern: '^[a-z]+$' }), 'example');
      assert.equal(generated({ type: 'string', format: 'date', maxLength: 10 }), '2024-01-15');
    });

    it('sizes arrays: minItems, maxItems, unique items, tuples and contains', function () {
      assert.deepEqual(generated({ type: 'array', items: { enum: ['a', 'b', 'c'] }, minItems: 3, uniqueItems: true }), ['a', 'b', 'c']);
      assert.deepEqual(generated({ type: 'array', items: { type: 'integer' }, minItems: 2, uniqueItems: true }), [1, 2]);
      assert.deepEqual(generated({ type: 'array', items: { type: 'string' }, maxItems: 0 }), []);
      assert.deepEqual(generated({ type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false }), ['example', 1]);
      assert.deepEqual(generated({ type: 'array', prefixItems: [{ const: 'x' }], items: false }, '2020-12'), ['x']);
      assert.deepEqual(generated({ type: 'array', contains: { const: 7 } }), [7]);
    });

    it('combines allOf, chooses among oneOf and anyOf, follows if/then/else and $ref', function () {
      assert.deepEqual(generated({ allOf: [{ type: 'object', required: ['a'], properties: { a: { type: 'string' } } }, { required: ['b'], properties: { b: { type: 'integer', minimum: 4 } } }] }), { a: 'a', b: 4 });
      assert.deepEqual(generated({ oneOf: [{ type: 'string', maxLength: 0, minLength: 1 }, { type: 'integer', minimum: 5 }] }), 5);
      assert.deepEqual(generated({ anyOf: [{ type: 'null' }, { type: 'string' }] }), null);
      assert.deepEqual(
        generated({ type: 'object', required: ['kind'], properties: { kind: { enum: ['card', 'cash'] } }, if: { properties: { kind: { const: 'card' } } }, then: { required: ['last4'], properties: { last4: { type: 'string', pattern: '^[0-9]{4}$' } } } }),
        { kind: 'card', last4: '0123' },
      );
      assert.deepEqual(generated({ $ref: '#/definitions/Money', definitions: { Money: { type: 'object', required: ['amount'], properties: { amount: { type: 'integer', minimum: 0 } }, additionalProperties: false } } }), { amount: 0 });
      assert.deepEqual(generated({ type: ['null', 'boolean'] }), true);
    });

    it('ends recursive schemas, and meets minProperties, dependencies and required names that only patterns describe', function () {
      const tree = generated({ $ref: '#/definitions/Node', definitions: { Node: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/definitions/Node' } } } } } });
      assert.equal((tree as { name: string }).name, 'name');
      assert.equal(Object.keys(generated({ type: 'object', minProperties: 2, additionalProperties: { type: 'integer' } }) as object).length, 2);
      assert.deepEqual(generated({ type: 'object', properties: { card: { type: 'string' } }, dependencies: { card: ['billing'] }, required: ['card'] }), { card: 'card', billing: 'billing' });
      assert.deepEqual(generated({ type: 'object', required: ['x-trace'], patternProperties: { '^x-': { type: 'integer' } } }), { 'x-trace': 1 });
    });

    it('says so when nothing satisfies the schema', function () {
      assert.equal(jsonSchemaExample({ type: 'string', minLength: 5, maxLength: 2 }, 'draft-07'), undefined);
      assert.equal(jsonSchemaExample(false, 'draft-07'), undefined);
      assert.equal(jsonSchemaExample({ type: 'object', required: ['a'], properties: { a: false } }, 'draft-07'), undefined);
    });

    it('generates valid examples for every payload and header schema of the examples workspace', function () {
      const root = findRepoRoot();
      const folder = path.join(root, 'examples', 'schemas');
      const values = new Map<string, unknown>();
      const ids = new Map<string, string>();
      for (const name of fs.readdirSync(folder).filter((file) => file.endsWith('.json'))) {
        const uri = URI.file(path.join(folder, name)).toString();
        const value = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8'));
        values.set(uri, value);
        if (typeof value.$id === 'string') ids.set(value.$id, uri);
      }
      const read = (uri: string) => (values.has(uri) ? { value: values.get(uri), idBase: (values.get(uri) as { $id?: string }).$id } : undefined);
      assert.ok(values.size >= 12);
      for (const uri of values.keys()) {
        const dialect = String((values.get(uri) as { $schema?: string }).$schema).includes('2020-12') ? '2020-12' : 'draft-07';
        const bundled = bundleSchema({ uri, path: [] }, read, ids, dialect === '2020-12' ? '$defs' : 'definitions');
        assert.ok(bundled && bundled.missing.length === 0, uri);
        generated(bundled.schema, dialect);
      }
    });

    it('generates valid examples for random satisfiable schemas', function () {
      fc.assert(
        fc.property(satisfiableSchema(), (schema) => {
          generated(schema);
        }),
        { numRuns: 300, seed: 20240115 },
      );
    });
  });

  describe('Avro', function () {
    it('covers records, enums, arrays, maps, unions (first non-null branch) and logical types', function () {
      const schema = {
        type: 'record',
        name: 'ShipmentDispatched',
        namespace: 'com.example.shipping',
        fields: [
          { name: 'shipmentId', type: { type: 'string', logicalType: 'uuid' } },
          { name: 'carrier', type: { type: 'enum', name: 'Carrier', symbols: ['DHL', 'UPS'] } },
          { name: 'dispatchedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
          { name: 'eta', type: ['null', { type: 'int', logicalType: 'date' }], default: null },
          { name: 'parcels', type: { type: 'array', items: { type: 'record', name: 'Parcel', fields: [{ name: 'weightGrams', type: 'int' }] } } },
          { name: 'labels', type: { type: 'map', values: 'string' } },
          { name: 'previous', type: ['null', 'Parcel'] },
          { name: 'backupCarrier', type: ['null', 'com.example.shipping.Carrier'] },
          { name: 'ratio', type: 'double' },
        ],
      };
      const value = avroExample(schema);
      assert.ok(avro.Type.forSchema(schema as avro.Schema).isValid(value));
      assert.deepEqual(value, {
        shipmentId: '3b241101-e2bb-4255-8caf-4136c566a962',
        carrier: 'DHL',
        dispatchedAt: 1_705_311_000_000,
        eta: 19737,
        parcels: [{ weightGrams: 1 }],
        labels: { key: 'labels' },
        previous: { weightGrams: 1 },
        backupCarrier: 'DHL',
        ratio: 1.5,
      });
    });

    it('generates a valid example for the examples workspace Avro schema', function () {
      const schema = JSON.parse(fs.readFileSync(path.join(findRepoRoot(), 'examples', 'schemas', 'shipment-dispatched.avsc'), 'utf8'));
      assert.ok(avro.Type.forSchema(schema).isValid(avroExample(schema)));
    });

    it('takes another union branch when JSON cannot show one, and gives up on bytes it must show', function () {
      const schema = { type: 'record', name: 'R', fields: [{ name: 'blob', type: ['null', 'bytes', 'string'] }] };
      assert.deepEqual(avroExample(schema), { blob: 'blob' });
      assert.equal(avroExample({ type: 'record', name: 'R', fields: [{ name: 'blob', type: 'bytes' }] }), undefined);
    });

    it('generates valid examples for random Avro schemas', function () {
      fc.assert(
        fc.property(avroSchema(), (schema) => {
          const value = avroExample(schema);
          assert.ok(avro.Type.forSchema(schema as avro.Schema).isValid(value), `${JSON.stringify(value)} for ${JSON.stringify(schema)}`);
        }),
        { numRuns: 200, seed: 20240115 },
      );
    });
  });

  describe('patterns', function () {
    it('samples strings that the pattern matches', function () {
      const patterns = ['^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$', '^[a-z]+\\.[A-Za-z]+\\.v[0-9]+$', '(foo|bar)-\\d{3}', '[^a]b', '^[\\w.-]+@[\\w-]+\\.[a-z]{2,}$', '^\\+?[1-9]\\d{1,14}$', '^[A-Z]{3}$', 'x{2,4}y?', '\\u0041\\x42', '^(?:[01]\\d|2[0-3]):[0-5]\\d$'];
      for (const pattern of patterns) {
        const sample = samplePattern(pattern);
        assert.ok(sample !== undefined && new RegExp(pattern).test(sample), `${pattern} → ${sample}`);
      }
      assert.equal(samplePattern('^[0-9a-f]{8}$'), '01234567');
      assert.ok((samplePattern('^[a-z]*$', { minLength: 5 }) ?? '').length >= 5);
      // Lookarounds and backreferences are not generated (RE2 could not check the sample): the caller falls back.
      assert.equal(samplePattern('^(?=.*[A-Z]).+$'), undefined);
      assert.equal(samplePattern('^(\\w+)-\\1$'), undefined);
    });

    it('is bounded in length and steps, and never loops', function () {
      assert.equal(samplePattern('a{99999999}'), undefined);
      assert.equal(samplePattern('^[a-z]{5000}$'), undefined);
      // Many quantifiers, each a long repetition: the search gives up rather than trying every plan.
      const wide = Array.from({ length: 60 }, (_, index) => `[a-f]{${900 + index}}`).join('');
      assert.equal(samplePattern(wide), undefined);
      assert.equal(samplePattern('^[a-z]{1000}$')?.length, 1000);
      assert.equal(jsonSchemaExample({ type: 'string', pattern: 'a{99999999}' }, 'draft-07'), undefined);
    });
  });
});

/** Random JSON Schemas that some value satisfies: the generator must find one. */
function satisfiableSchema(): fc.Arbitrary<unknown> {
  const { schema } = fc.letrec<{ schema: unknown }>((tie) => ({
    schema: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ type: fc.constant('string'), minLength: fc.integer({ min: 0, max: 8 }), format: fc.option(fc.constantFrom('uuid', 'date-time', 'email', 'uri', 'date'), { nil: undefined }) }, { requiredKeys: ['type'] }),
      fc.integer({ min: 0, max: 5 }).chain((min) => fc.record({ type: fc.constant('string'), minLength: fc.constant(min), maxLength: fc.integer({ min, max: min + 6 }), pattern: fc.constantFrom('^[a-z]*$', '^[A-Z0-9-]*$', '.*') })),
      fc.integer({ min: -50, max: 50 }).chain((min) => fc.record({ type: fc.constantFrom('integer', 'number'), minimum: fc.constant(min), maximum: fc.integer({ min: min + 10, max: min + 100 }), multipleOf: fc.option(fc.constantFrom(1, 2, 5), { nil: undefined }) }, { requiredKeys: ['type', 'minimum', 'maximum'] })),
      fc.record({ type: fc.constant('number'), exclusiveMinimum: fc.integer({ min: -10, max: 10 }) }),
      fc.record({ type: fc.constant('boolean') }),
      fc.record({ enum: fc.uniqueArray(fc.oneof(fc.string(), fc.integer(), fc.boolean()), { minLength: 1, maxLength: 4 }) }),
      fc.record({ const: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({ type: fc.constant(['string', 'null']) }),
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('schema'), { maxKeys: 4 }).chain((properties) =>
        fc.record({
          type: fc.constant('object'),
          properties: fc.constant(properties),
          required: fc.subarray(Object.keys(properties)),
          additionalProperties: fc.boolean(),
        }),
      ),
      fc.integer({ min: 0, max: 3 }).chain((min) => fc.record({ type: fc.constant('array'), items: tie('schema'), minItems: fc.constant(min), maxItems: fc.integer({ min, max: min + 3 }) })),
      fc.array(tie('schema'), { minLength: 1, maxLength: 3 }).map((branches) => ({ anyOf: branches })),
      fc.tuple(tie('schema'), tie('schema')).map(([a, b]) => ({ oneOf: [a, { not: {} }, b].slice(0, 2) })),
      fc.array(fc.constantFrom('x', 'y'), { minLength: 1, maxLength: 2 }).map((names) => ({ allOf: names.map((name) => ({ type: 'object', required: [name], properties: { [name]: { type: 'integer', minimum: 3 } } })) })),
    ),
  }));
  return schema;
}

/** Random Avro schemas (without bytes and fixed, which JSON examples cannot show). */
function avroSchema(): fc.Arbitrary<unknown> {
  let counter = 0;
  const { type } = fc.letrec<{ type: unknown }>((tie) => ({
    type: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom('null', 'boolean', 'int', 'long', 'float', 'double', 'string'),
      fc.constantFrom({ type: 'long', logicalType: 'timestamp-millis' }, { type: 'int', logicalType: 'date' }, { type: 'string', logicalType: 'uuid' }),
      fc.array(fc.constantFrom('A', 'B', 'C'), { minLength: 1, maxLength: 3 }).map((symbols) => ({ type: 'enum', name: `E${counter++}`, symbols: [...new Set(symbols)] })),
      tie('type').map((items) => ({ type: 'array', items })),
      tie('type').map((values) => ({ type: 'map', values })),
      fc.array(tie('type'), { minLength: 1, maxLength: 3 }).map((fields) => ({ type: 'record', name: `R${counter++}`, fields: fields.map((field, index) => ({ name: `f${index}`, type: field })) })),
      fc.constantFrom('string', 'int', 'boolean').map((branch) => ['null', branch]),
    ),
  }));
  return fc.array(type, { minLength: 1, maxLength: 4 }).map((fields) => ({ type: 'record', name: `Root${counter++}`, fields: fields.map((field, index) => ({ name: `field${index}`, type: field })) }));
}
