import * as assert from 'node:assert/strict';
import { FileStore } from '../../server/src/engine/workspace/fileStore';
import { syntheticAsyncApi } from '../support/syntheticAsyncApi';
import { MemoryHost } from './support/memoryHost';

/**
 * The parse caches of closed editors. A cache holds every parsed entry of its document (about
 * 100 MB at 1,000 channels): closing an untitled or deleted file's editor must not keep it, or
 * each large document opened and closed stays in the server's memory for good.
 */
describe('FileStore: parse caches of closed files', () => {
  const text = syntheticAsyncApi(60);
  const onDisk = 'file:///ws/on-disk.yaml';
  const untitled = 'file:///ws/never-saved.yaml';
  const deleted = 'file:///ws/deleted.yaml';

  async function storeWithOpenFiles(host: MemoryHost) {
    const store = new FileStore(host);
    for (const uri of [onDisk, untitled, deleted]) {
      assert.ok(store.setOverlay(uri, text, 1).tree.root, `${uri} parsed`);
    }
    assert.deepEqual(store.parseCacheUris().sort(), [deleted, untitled, onDisk].sort());
    return store;
  }

  it('keeps the cache of a file that is on disk and drops those of files that are not', async () => {
    const host = new MemoryHost({ [onDisk]: text, [deleted]: text });
    const store = await storeWithOpenFiles(host);
    host.files.delete(deleted);
    for (const uri of [onDisk, untitled, deleted]) {
      store.removeOverlay(uri);
      store.invalidate(uri);
    }
    assert.ok(await store.get(onDisk), 'the file on disk is read');
    assert.equal(await store.get(untitled), undefined);
    assert.equal(await store.get(deleted), undefined);
    assert.deepEqual(store.parseCacheUris(), [onDisk]);
  });

  it('drops the cache of a closed file that is above the size limit on disk', async () => {
    const host = new MemoryHost({ [onDisk]: text });
    host.fileSize = async (uri) => host.files.get(uri)?.length;
    const store = new FileStore(host, async () => 1000);
    store.setOverlay(onDisk, text, 1).tree;
    store.removeOverlay(onDisk);
    const file = await store.get(onDisk);
    assert.equal(file?.unreadSize, text.length);
    assert.deepEqual(store.parseCacheUris(), []);
  });
});
