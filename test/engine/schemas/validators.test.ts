import * as assert from 'node:assert/strict';
import { checkValue, compileCached } from '../../../server/src/engine/schemas/validators';
import { validationCost } from '../../../server/src/engine/schemas/validationCost';
import type { JsonSchemaDialect } from '../../../server/src/engine/workspace/fileKind';

const DIALECTS: JsonSchemaDialect[] = ['draft-04', 'draft-06', 'draft-07', '2019-09', '2020-12'];

function validatorFor(dialect: JsonSchemaDialect, schema: object) {
  const validate = compileCached(dialect, schema);
  assert.ok(!(validate instanceof Error), String(validate));
  return validate;
}

describe('validating values with user patterns', function () {
  for (const dialect of DIALECTS) {
    it(`runs pattern and patternProperties on RE2 in ${dialect}`, function () {
      const catastrophic = validatorFor(dialect, { type: 'string', pattern: '^(a+)+$' });
      assert.equal(checkValue(catastrophic, 'a'.repeat(40) + '!').verdict, 'invalid');
      assert.equal(checkValue(catastrophic, 'a'.repeat(40)).verdict, 'valid');
      const keys = validatorFor(dialect, { type: 'object', patternProperties: { '^(a+)+$': { type: 'integer' } } });
      assert.equal(checkValue(keys, { ['a'.repeat(40)]: 'text', ['a'.repeat(40) + '!']: 'text' }).errors.length, 1);
    });

    it(`leaves values unknown, never invalid, on patterns RE2 cannot run, in ${dialect}`, function () {
      const lookahead = validatorFor(dialect, { type: 'string', pattern: '^(?=.*[0-9])', maxLength: 5 });
      const unknown = checkValue(lookahead, 'abc');
      assert.deepEqual([unknown.verdict, unknown.unchecked.map((pattern) => pattern.source)], ['unknown', ['^(?=.*[0-9])']]);
      // An error that does not depend on the pattern is still one.
      const tooLong = checkValue(lookahead, 'abcdefgh');
      assert.deepEqual([tooLong.verdict, tooLong.errors.map((error) => error.keyword)], ['invalid', ['maxLength']]);
      // Neither "matches" nor "does not match" may invent an error through patternProperties.
      const keys = validatorFor(dialect, { type: 'object', patternProperties: { '^(?!x-)': { type: 'string' } }, additionalProperties: false });
      assert.equal(checkValue(keys, { 'x-a': 1 }).verdict, 'unknown');
    });
  }

  it('does not validate against a schema without a base case, or with branching references', function () {
    assert.equal(validationCost({ $ref: '#' }, 'x', 1000).kind, 'endless');
    assert.equal(validationCost({ allOf: [{ $ref: '#' }] }, 'x', 1000).kind, 'endless');
    const definitions: Record<string, unknown> = { d30: { type: 'string' } };
    for (let index = 0; index < 30; index++) definitions[`d${index}`] = { allOf: [{ $ref: `#/definitions/d${index + 1}` }, { $ref: `#/definitions/d${index + 1}` }] };
    assert.equal(validationCost({ definitions, $ref: '#/definitions/d0' }, 'x', 1_000_000).kind, 'too-costly');
    // Recursion that descends into the value ends with it.
    const tree = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#' } } } };
    assert.equal(validationCost(tree, { children: [{ children: [] }, { children: [] }] }, 1000).kind, 'bounded');
    const self = validatorFor('draft-07', { $ref: '#' });
    assert.match(checkValue(self, 'x').notValidated ?? '', /without a base case/);
  });
});
