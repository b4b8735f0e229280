import * as assert from 'node:assert/strict';
import { summarizeConversion } from '../../client/src/convert/conversionSummary';
import { convertToAsyncApi3 } from '../../server/src/engine/convert/convertToAsyncApi3';

const CLEAN = 'asyncapi: 2.6.0\ninfo: { title: Shop, version: 1.0.0 }\nchannels:\n  orders:\n    subscribe:\n      message: { name: OrderPlaced, payload: { type: object } }\n';
const LOSSY = CLEAN.replace('  orders:\n', '  orders.{region}:\n    parameters:\n      region:\n        schema: { type: string, pattern: "^[a-z]{2}$" }\n');

/** What the editor tells the user about a conversion, from the engine's real results. */
describe('the conversion summary (Convert to AsyncAPI 3.0)', function () {
  it('nothing lost: an information to review and apply', function () {
    const summary = summarizeConversion(convertToAsyncApi3(CLEAN, 'file:///shop.yaml', 'yaml'), 'shop.yaml');
    assert.deepEqual(summary, { message: 'shop.yaml converted from AsyncAPI 2.6.0 to 3.0.0: the AsyncAPI diff finds nothing lost. Review the preview, then apply.', details: [], canApply: true, lossy: false });
  });

  it('something lost: a warning that counts it, and each difference with both places in the details', function () {
    const summary = summarizeConversion(convertToAsyncApi3(LOSSY, 'file:///shop.yaml', 'yaml'), 'shop.yaml');
    assert.equal(summary.lossy, true);
    assert.equal(summary.canApply, true);
    assert.equal(summary.message, 'shop.yaml converted from AsyncAPI 2.6.0 to 3.0.0, but 1 difference by meaning did not survive (listed in the Event Design output). Review the preview before applying.');
    assert.match(summary.details[0]!, /^lost: `pattern` removed .* \[pattern-removed\] — was shop\.yaml:7:\d+ \(\/channels\/orders\.\{region\}\/parameters\/region\/schema\/pattern\), now converted:\d+:\d+ \(\/channels\/orders\.\{region\}\/parameters\/region\)$/);
    assert.match(summary.details[1]!, /^note: Found properties in parameter schema/);
  });

  it('nothing to apply for a 3.x document or one that cannot be converted, and says why', function () {
    const current = summarizeConversion(convertToAsyncApi3('asyncapi: 3.0.0\n', 'file:///a.yaml', 'yaml'), 'a.yaml');
    assert.deepEqual([current.message, current.canApply], ['a.yaml is already AsyncAPI 3.0.0: there is nothing to convert.', false]);
    const broken = summarizeConversion(convertToAsyncApi3('asyncapi: 2.6.0\ninfo: [\n', 'file:///a.yaml', 'yaml'), 'a.yaml');
    assert.equal(broken.canApply, false);
    assert.match(broken.message, /^a\.yaml cannot be converted: The document does not parse/);
    assert.match(broken.details[0]!, /^error: /);
  });
});
