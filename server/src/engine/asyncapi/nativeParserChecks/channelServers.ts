import type { ParserReport } from './report';
import { isPlainObject, type ResolvedDocument } from './resolvedDocument';

/**
 * asyncapi2-channel-servers and asyncapi3-channel-servers: server names a channel lists must be
 * root servers. The parser checks the shape of the whole document first and says nothing when any
 * channel's `servers` is not a list of names (in 3.x they are references, so it never fires there
 * on a valid document).
 */
export function checkChannelServers(document: ResolvedDocument, report: ParserReport, code: string) {
  const root = document.root.value;
  if (!isPlainObject(root) || root.channels === undefined) return;
  if (root.servers !== undefined && !isPlainObject(root.servers)) return;
  const channels = document.child(document.root, 'channels');
  if (!channels || !isPlainObject(channels.value)) return;
  const entries = document.entries(channels);
  for (const [, channel] of entries) {
    if (!isPlainObject(channel.value)) return;
    const servers = channel.value.servers;
    if (servers !== undefined && !(Array.isArray(servers) && servers.every((name) => typeof name === 'string'))) return;
  }
  const serverNames = Object.keys(root.servers ?? {});
  for (const [, channel] of entries) {
    for (const server of document.items(document.child(channel, 'servers'))) {
      if (!serverNames.includes(server.value as string)) report.add(code, server, 'Channel contains server that are not defined on the "servers" object.');
    }
  }
}

/** Channel keys with a query or fragment (2.x addresses; 3.x ids, as the parser checks them). */
export function checkChannelKeys(document: ResolvedDocument, report: ParserReport, code: string) {
  for (const [key, channel] of document.entries(document.child(document.root, 'channels'))) {
    if (/[?#]/.test(key)) report.add(code, channel, 'Channel address should not include query ("?") or fragment ("#") delimiter.');
  }
}
