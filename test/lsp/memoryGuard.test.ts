import * as assert from 'node:assert/strict';
import { worthCollecting } from '../../server/src/lsp/memoryGuard';

const MB = 1024 * 1024;

describe('memory guard: when the server forces a full collection', () => {
  const quiet = () => true;
  const busy = () => false;

  it('leaves a small heap, or one that has grown little, to V8', () => {
    assert.equal(worthCollecting(200 * MB, 10 * MB, quiet), false, 'below the floor');
    assert.equal(worthCollecting(400 * MB, 300 * MB, quiet), false, 'grown by 100 MB only');
  });

  it('collects a grown heap once the server is quiet, never between keystrokes', () => {
    assert.equal(worthCollecting(600 * MB, 300 * MB, quiet), true);
    assert.equal(worthCollecting(600 * MB, 300 * MB, busy), false, 'a key typed a moment ago');
  });

  it('collects whatever the server is doing once the heap has grown by half a gigabyte', () => {
    assert.equal(worthCollecting(900 * MB, 300 * MB, busy), true);
    assert.equal(worthCollecting(700 * MB, 300 * MB, busy), false);
  });
});
