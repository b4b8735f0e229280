import type { MessageRole } from '../compatibility';
import { combineRoles } from '../compatibility';
import { pointerToPath } from '../text/paths';
import type { ApplicationModel, OperationAction } from '../workspace/applicationModel';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

/**
 * What the workspace does with each message definition and schema file: sends it, receives it,
 * or both (a schema one service sends and another receives must stay FULL-compatible). Read
 * from the index alone, so it costs nothing per edit.
 */
export interface WorkspaceRoles {
  /** By schema file URI (payload and headers files). */
  ofFile(uri: string): MessageRole | undefined;
  /** By message definition: document URI and path of the message object. */
  ofMessage(uri: string, path: ReadonlyArray<string | number>): MessageRole | undefined;
}

export function workspaceRoles(index: WorkspaceIndex): WorkspaceRoles {
  const messages = new Map<string, Set<MessageRole>>();
  const files = new Map<string, Set<MessageRole>>();
  const add = (map: Map<string, Set<MessageRole>>, key: string, role: MessageRole) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(role);
  };
  for (const application of index.applications()) {
    const used = messageUses(application);
    for (const [path, roles] of used) for (const role of roles) add(messages, `${application.uri}#${path}`, role);
    for (const reference of application.schemaReferences) {
      for (const role of used.get(reference.messagePath.join('/')) ?? []) add(files, reference.uri, role);
    }
  }
  return {
    ofFile: (uri) => combineRoles(files.get(uri) ?? []),
    ofMessage: (uri, path) => combineRoles(messages.get(`${uri}#${path.join('/')}`) ?? []),
  };
}

/** Message definition path → what the application's operations do with it. */
function messageUses(application: ApplicationModel): Map<string, Set<MessageRole>> {
  const uses = new Map<string, Set<MessageRole>>();
  const mark = (path: ReadonlyArray<string | number>, action: OperationAction) => {
    let set = uses.get(path.join('/'));
    if (!set) uses.set(path.join('/'), (set = new Set()));
    set.add(action);
  };
  const channelMessage = (channelKey: string | undefined, messageKey: string) => application.channels.find((channel) => channel.key === channelKey)?.messages.find((message) => message.key === messageKey);
  const markMessage = (message: { path: ReadonlyArray<string | number>; ref?: string } | undefined, action: OperationAction) => {
    if (!message) return;
    mark(message.path, action);
    // The channel's message is usually a $ref to a component message: that one is used too.
    if (message.ref?.startsWith('#/')) mark(pointerToPath(message.ref), action);
  };
  for (const operation of application.operations) {
    if (!operation.action) continue;
    const apply = (refs: Array<{ ref?: string; path: ReadonlyArray<string | number> }>, channelKey: string | undefined, action: OperationAction) => {
      if (refs.length === 0) {
        for (const message of application.channels.find((channel) => channel.key === channelKey)?.messages ?? []) markMessage(message, action);
        return;
      }
      for (const item of refs) {
        const match = item.ref ? /^#\/channels\/([^/]+)\/messages\/([^/]+)$/.exec(item.ref) : null;
        if (match) markMessage(channelMessage(decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)), action);
        else if (item.ref?.startsWith('#/')) mark(pointerToPath(item.ref), action);
        // 2.x: the operation's message is written in place.
        else markMessage(application.channels.flatMap((channel) => channel.messages).find((message) => message.path.join('/') === item.path.join('/')), action);
      }
    };
    apply(operation.messages, operation.channelKey, operation.action);
    if (operation.reply) apply(operation.reply.messages, operation.reply.channelKey ?? operation.channelKey, operation.action === 'send' ? 'receive' : 'send');
  }
  return uses;
}
