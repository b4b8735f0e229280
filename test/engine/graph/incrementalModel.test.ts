import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildEventFlowModel, EventFlowModelBuilder } from '../../../server/src/engine/graph/buildGraph';
import type { EventFlowModel } from '../../../server/src/engine/graph/graphModel';
import { findRepoRoot } from '../../grammar/repoRoot';
import { loadWorkspace, type LoadedWorkspace } from '../support/workspaceFixture';

/**
 * The model rebuilt after an edit re-reads only the documents whose files changed: it must equal
 * a model built from scratch, edit after edit, whichever file the edit touched (the document
 * itself, a schema its `$ref`s reach, a file deleted), in an editor or on disk.
 */
interface Edit {
  name: string;
  /** The file edited, relative to examples/. */
  file: string;
  /** The new text; undefined deletes the file. */
  change: (text: string) => string | undefined;
  via: 'editor' | 'disk';
  /** Documents (folder names) whose service must be read again; every other one is reused. */
  reread: string[];
}

const EDITS: Edit[] = [
  { name: "a document's description", file: 'payments/asyncapi.yaml', change: (text) => text.replace('description: |', 'description: |\n    Edited.'), via: 'editor', reread: ['payments'] },
  { name: 'a channel address', file: 'payments/asyncapi.yaml', change: (text) => text.replace('address: payments.payment-failed', 'address: payments.payment-declined'), via: 'editor', reread: ['payments'] },
  {
    name: 'a payload schema that several documents reach',
    file: 'schemas/order-placed.schema.json',
    change: (text) => text.replace('"properties": {', '"properties": {\n    "giftWrap": { "type": "boolean" },'),
    via: 'disk',
    reread: ['orders', 'payments', 'inventory', 'notifications'],
  },
  { name: 'a document deleted', file: 'shipping/asyncapi.yaml', change: () => undefined, via: 'disk', reread: [] },
];

function folderOf(uri: string) {
  const parts = uri.split('/');
  return parts[parts.length - 2]!;
}

async function apply(workspace: LoadedWorkspace, edit: Edit, version: number) {
  const uri = workspace.uriOf(edit.file);
  const text = workspace.engine.files.peek(uri)?.source.text ?? workspace.host.files.get(uri)!;
  const changed = edit.change(text);
  assert.notEqual(changed, text, `${edit.name}: the edit changes the file`);
  if (edit.via === 'editor') {
    workspace.engine.setOpenDocument(uri, changed!, version);
    workspace.engine.indexOpenDocuments();
  } else {
    if (changed === undefined) workspace.host.files.delete(uri);
    else workspace.host.files.set(uri, changed);
    await workspace.engine.fileChanged(uri);
  }
}

describe('the event-flow model after an edit', function () {
  this.timeout(60_000);

  it('equals a model built from scratch, and reads again only what the edit touched', async function () {
    const workspace = await loadWorkspace(path.join(findRepoRoot(), 'examples'));
    const builder = new EventFlowModelBuilder(workspace.engine);
    let before: EventFlowModel = await builder.build();
    let version = 1;
    for (const edit of EDITS) {
      await apply(workspace, edit, ++version);
      const after = await builder.build();
      assert.deepEqual(after, await buildEventFlowModel(workspace.engine), `${edit.name}: the same model as a fresh build`);
      // A reused reading hands over the very same service object.
      const previous = new Map(before.services.map((service) => [service.id, service]));
      const reread = after.services.filter((service) => previous.get(service.id) !== service).map((service) => folderOf(service.uri));
      assert.deepEqual(reread.sort(), [...edit.reread].sort(), `${edit.name}: documents read again`);
      before = after;
    }
    assert.ok(before.messages.find((message) => message.name === 'OrderPlaced')?.payloadFields.some((field) => field.name === 'giftWrap'), 'the schema edit shows');
    assert.ok(before.channels.some((channel) => channel.address === 'payments.payment-declined'), 'the address edit shows');
    assert.ok(!before.services.some((service) => folderOf(service.uri) === 'shipping'), 'the deleted document is gone');
  });
});
