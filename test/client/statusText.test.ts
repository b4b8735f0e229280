import * as assert from 'node:assert/strict';
import { describeStatus } from '../../client/src/statusText';
import type { ServerStatus } from '../../server/src/protocol';

/** The status bar item's text, from the client's state, the server's status and the baseline setting. */
describe('the status bar text', function () {
  const idle = (baselines?: ServerStatus['baselines']): ServerStatus => ({ state: 'idle', pending: 0, indexedFiles: 22, baselines });

  it('names the baseline where git can give one, or before the server has said', function () {
    assert.equal(describeStatus('running', idle('git'), 'HEAD').text, '$(check) Event Design · HEAD');
    assert.equal(describeStatus('running', idle(), 'HEAD').text, '$(check) Event Design · HEAD');
    assert.equal(describeStatus('running', idle('git'), 'merge-base:origin/main').text, '$(check) Event Design · merge base with origin/main');
    assert.match(describeStatus('running', idle('git'), 'HEAD').tooltip, /^Ready: 22 files indexed\nCompatibility breaks are judged against: HEAD \(/);
  });

  it('does not say HEAD in a folder that is not a git repository, and says why', function () {
    const status = describeStatus('running', idle('no-repository'), 'HEAD');
    assert.equal(status.text, '$(check) Event Design · no baseline');
    assert.match(status.tooltip, /Compatibility breaks are not judged: this folder is not in a git repository, so there is no HEAD to compare with/);
    const untrusted = describeStatus('running', idle('untrusted'), 'origin/main');
    assert.equal(untrusted.text, '$(check) Event Design · no baseline');
    assert.match(untrusted.tooltip, /git does not run in an untrusted workspace, so there is no origin\/main to compare with/);
  });

  it('names the last saved version wherever it is chosen: it needs no git', function () {
    assert.equal(describeStatus('running', idle('no-repository'), 'saved').text, '$(check) Event Design · last saved');
    assert.match(describeStatus('running', idle('untrusted'), 'saved').tooltip, /judged against: last saved/);
  });

  it('shows the server at work, and no baseline before it runs', function () {
    assert.equal(describeStatus('running', { state: 'indexing', pending: 0, indexedFiles: 3 }, 'HEAD').text, '$(sync~spin) Event Design: indexing · HEAD');
    assert.equal(describeStatus('starting', undefined, 'HEAD').text, '$(loading~spin) Event Design');
    const failed = describeStatus('failed', undefined, 'HEAD');
    assert.equal(failed.text, '$(error) Event Design');
    assert.equal(failed.failed, true);
    assert.equal(describeStatus('running', idle('git'), 'HEAD').failed, false);
  });
});
