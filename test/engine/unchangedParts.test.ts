import * as assert from 'node:assert/strict';
import { reuseUnchangedParts } from '../../server/src/engine/asyncapi/nativeParserChecks/unchangedParts';

/**
 * A value that crossed to the validation worker is a fresh copy; reuseUnchangedParts gives back
 * the objects of the last version wherever the content is the same, which is what the checks'
 * memo recognises. The result must always equal the new value.
 */
describe('reuseUnchangedParts', () => {
  const previous = {
    asyncapi: '3.0.0',
    channels: { a: { address: 'a', messages: { m: { $ref: '#/components/messages/M' } } }, b: { address: 'b' } },
    tags: [{ name: 'x' }, { name: 'y' }],
  };

  it('gives back the previous value when nothing changed', () => {
    assert.equal(reuseUnchangedParts(previous, structuredClone(previous)), previous);
  });

  it('keeps the unchanged entries of a changed map and the new content of the changed one', () => {
    const next = structuredClone(previous);
    next.channels.b.address = 'b2';
    const result = reuseUnchangedParts(previous, next) as typeof previous;
    assert.deepEqual(result, next);
    assert.notEqual(result, previous);
    assert.equal(result.channels.a, previous.channels.a);
    assert.notEqual(result.channels.b, previous.channels.b);
    assert.equal(result.tags, previous.tags);
  });

  it('counts key order, added and removed keys, and array lengths as changes', () => {
    const reordered = { asyncapi: '3.0.0', tags: structuredClone(previous.tags), channels: structuredClone(previous.channels) };
    const result = reuseUnchangedParts(previous, reordered) as Record<string, unknown>;
    assert.notEqual(result, previous);
    assert.deepEqual(Object.keys(result), ['asyncapi', 'tags', 'channels']);
    assert.equal(result.channels, previous.channels);
    const longer = structuredClone(previous);
    longer.tags.push({ name: 'z' });
    const withMore = reuseUnchangedParts(previous, longer) as typeof previous;
    assert.deepEqual(withMore.tags, [{ name: 'x' }, { name: 'y' }, { name: 'z' }]);
    assert.equal(withMore.tags[0], previous.tags[0]);
    const fewer = structuredClone(previous) as Partial<typeof previous>;
    delete fewer.tags;
    assert.deepEqual(reuseUnchangedParts(previous, fewer), { asyncapi: '3.0.0', channels: previous.channels });
  });

  it('keeps a key named __proto__ as a property, not a prototype', () => {
    const before = JSON.parse('{"__proto__": {"x": 1}, "y": {"z": 1}}') as Record<string, unknown>;
    const next = JSON.parse('{"__proto__": {"x": 1}, "y": {"z": 2}}') as Record<string, unknown>;
    const result = reuseUnchangedParts(before, next) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.deepEqual(Object.keys(result), ['__proto__', 'y']);
    assert.equal(Object.getOwnPropertyDescriptor(result, '__proto__')?.value, Object.getOwnPropertyDescriptor(before, '__proto__')?.value);
  });

  it('visits a shared object once (YAML aliases), and the result still equals the new value', () => {
    let shared: Record<string, unknown> = { leaf: 1 };
    // 40 levels of two references to the same object: 2^40 paths, 40 objects.
    for (let level = 0; level < 40; level++) shared = { left: shared, right: shared };
    const before = { doc: shared };
    const next = structuredClone(before);
    const result = reuseUnchangedParts(before, next);
    assert.equal(result, before);
  });

  it('leaves values of other types alone', () => {
    assert.equal(reuseUnchangedParts(undefined, 3), 3);
    assert.deepEqual(reuseUnchangedParts({ a: 1 }, [1]), [1]);
    assert.equal(reuseUnchangedParts('x', 'x'), 'x');
  });
});
