import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { EventFlow } from '../../../server/src/engine/graph/eventFlow';
import { CORPUS, skipWithoutCorpus } from '../support/corpus';
import { loadWorkspace } from '../support/workspaceFixture';

/**
 * The official `social-media` example of each AsyncAPI release: five services that only meet
 * through shared channels (and shared files for servers, messages and parameters). 2.6.0 speaks
 * from the client's side (`subscribe` = the application sends); 3.x says `send`/`receive`.
 */
const RELEASES = ['v2.6.0', 'v3.0.0', 'v3.1.0'];

/** channel → sender → receivers, with the message, as the example's readme describes the system. */
const EXPECTED = [
  'comment/liked (mqtt) commentLiked: Website Backend → Comments Service, Notifications Service, Public API',
  'comment/{commentId}/changed (mqtt) commentChanged: Comments Service → Website Backend',
  'like/comment (ws) likeComment: Website WebSocket Client → Website Backend',
  'update/comment/likes (ws) updateCommentLikes: Website Backend → Website WebSocket Client',
];

describe('event-flow graph of the official social-media example', function () {
  for (const release of RELEASES) {
    const folder = path.join(CORPUS, release, 'examples', 'social-media');
    it(`${release}: the services talk through their shared channels`, async function () {
      skipWithoutCorpus(this, folder);
      const workspace = await loadWorkspace(folder);
      const { model } = await new EventFlow(workspace.engine).graph();
      const titles = new Map(model.services.map((service) => [service.id, service.title.trim()]));
      assert.deepEqual([...titles.values()].sort(), ['Comments Service', 'Notifications Service', 'Public API', 'Website Backend', 'Website WebSocket Client']);
      const described = model.channels.map((channel) => {
        const names = channel.messages.map((entry) => model.messages.find((message) => message.id === entry.messageId)!.name).join(', ');
        const producers = channel.producers.map((id) => titles.get(id)).sort().join(', ');
        const consumers = channel.consumers.map((id) => titles.get(id)).sort().join(', ');
        return `${channel.address} (${channel.protocols.join(', ')}) ${names}: ${producers} → ${consumers}`;
      });
      assert.deepEqual(described.sort(), [...EXPECTED].sort());
      assert.ok(model.channels.every((channel) => !channel.noProducer && !channel.noConsumer), 'no channel is an orphan');
      // The WebSocket server comes from a shared file through `$ref`; its host is read there.
      const websocket = model.channels.find((channel) => channel.address === 'like/comment')!;
      assert.deepEqual(websocket.hosts, ['mycompany.com/ws']);
    });
  }
});
