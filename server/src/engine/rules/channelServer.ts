import {
  bindingEvidence,
  bindingProtocol,
  channelInfo,
  channelInfos,
  channelsListServers,
  documentServers,
  editable,
  fillList,
  isPlaceholderHost,
  listOf,
  localRef,
  PLACEHOLDER_DESCRIPTION,
  placeholderHost,
  serversOfChannel,
  speaks,
  uniqueKey,
  type ChannelInfo,
  type ServerInfo,
} from '../discipline/channelTransport';
import type { DocumentRule, Fix, FixContext, RuleContext, RuleFinding } from '../discipline/documentRule';
import { appendToArray, composeEdits, setValue, type EditableFile, type TextEdit } from '../edits/documentEdits';

/**
 * channel-server: every channel is on a server that speaks the protocol its bindings name.
 *
 * A channel lists its servers (3.x: `$ref`s, 2.x: names) or, listing none, is on all of the
 * document's. The findings: a channel whose channel or operation bindings name a protocol that
 * none of its servers speaks; a 3.x document with channels and no server at all (at most `info`;
 * in 2.x the parser's `asyncapi-servers` says so already); and a server whose host is still the
 * placeholder a fix of this rule wrote.
 */
export const channelServer: DocumentRule = {
  id: 'channel-server',
  defaultSeverity: 'warning',
  strictSeverity: 'error',
  rationale: 'A channel that no server carries, or only servers that speak another protocol than its bindings, cannot be produced to or consumed from as described.',
  category: 'discipline',
  origin: 'event-design',
  check(context) {
    const findings: RuleFinding[] = [];
    const servers = documentServers(context);
    for (const server of servers) {
      if (!server.host || !isPlaceholderHost(server.host) || server.definition?.uri !== context.uri) continue;
      findings.push({
        ruleId: this.id,
        message: `Server "${server.key}" still has the placeholder host "${server.host}" (a .invalid host never resolves): replace it with the address of the broker that carries its channels`,
        path: [...server.definition.path, context.major === 3 ? 'host' : 'url'],
        data: { kind: 'placeholder' },
      });
    }
    const channels = channelInfos(context);
    if (channels.length === 0) return findings;
    if (servers.length === 0) {
      // AsyncAPI 2.x: @asyncapi/parser reports a document without servers (asyncapi-servers).
      if (context.major === 2) return findings;
      const protocols = evidencedProtocols(context, channels);
      const subject = channels.length === 1 ? 'its channel is on no broker: nobody can tell where to produce or consume it' : `its ${channels.length} channels are on no broker: nobody can tell where to produce or consume them`;
      const hint = protocols.length > 0 ? ` Its bindings say ${listOf(protocols)}.` : '';
      findings.push({
        ruleId: this.id,
        message: `The document declares no servers, so ${subject}, nor over which protocol. Declare the servers under servers, each with its host and protocol.${hint}`,
        path: 'servers' in context.document ? ['servers'] : ['channels'],
        anchor: 'key',
        // At most info, as the parser's asyncapi-servers rates the same gap in 2.x documents: many
        // documents describe messages before deployment does, and nothing in them is contradictory.
        severity: 'info',
        data: { kind: 'no-servers' },
      });
      return findings;
    }
    for (const channel of channels) {
      const reach = serversOfChannel(context, channel, servers);
      // Unknown servers are the parser's and the reference check's to report; a server without a
      // protocol is a structure error. Either way, nothing sure can be said about the protocol.
      if (reach.unresolved.length > 0 || reach.servers.length === 0 || reach.servers.some((server) => !server.protocol)) continue;
      const reported = new Set<string>();
      for (const evidence of bindingEvidence(context, channel)) {
        const protocol = bindingProtocol(evidence.bindingKey)!;
        if (reported.has(protocol) || reach.servers.some((server) => speaks(server.protocol, evidence.bindingKey))) continue;
        reported.add(protocol);
        const candidates = servers.filter((server) => speaks(server.protocol, evidence.bindingKey));
        const subject = isChannelBinding(channel, evidence.path)
          ? `Channel ${describeChannel(channel)} has a binding for ${evidence.bindingKey}, but none of its servers speaks ${protocol}`
          : `${describeOperation(evidence.path)} has a binding for ${evidence.bindingKey} on channel ${describeChannel(channel)}, but none of the channel's servers speaks ${protocol}`;
        const where = reach.listed ? `it is on ${describeServers(reach.servers)}` : `it lists no servers, so it is on all of them: ${describeServers(reach.servers)}`;
        const advice =
          candidates.length === 1
            ? `Put the channel on server "${candidates[0]!.key}", the document's ${protocol} server.`
            : candidates.length > 1
              ? `Put the channel on one of the document's ${protocol} servers: ${listOf(candidates.map((server) => `"${server.key}"`), 'or')}.`
              : `Declare a server with protocol ${protocol} and put the channel on it.`;
        const inThisFile = evidence.uri === context.uri;
        findings.push({
          ruleId: this.id,
          message: `${subject}: ${where}. No broker carries the channel as described. ${advice}`,
          uri: inThisFile ? undefined : evidence.uri,
          path: evidence.path,
          anchor: 'key',
          data: { kind: 'protocol', channelKey: channel.model.key, bindingKey: evidence.bindingKey },
        });
      }
    }
    return findings;
  },
  fixes(finding, context) {
    if (finding.data?.kind === 'no-servers') return addFirstServer(context);
    if (finding.data?.kind === 'protocol' && !finding.uri) return putOnServer(context, String(finding.data.channelKey), String(finding.data.bindingKey));
    return [];
  },
};

/** The protocols the bindings of a document's channels name, as server protocols. */
function evidencedProtocols(context: RuleContext, channels: ChannelInfo[]): string[] {
  const keys = new Map<string, string>();
  for (const channel of channels) for (const evidence of bindingEvidence(context, channel)) keys.set(bindingProtocol(evidence.bindingKey)!, evidence.bindingKey);
  return [...keys.keys()].sort();
}

/** A document without servers whose bindings name exactly one protocol: add a server for it. */
function addFirstServer(context: FixContext): Fix[] {
  const channels = channelInfos(context);
  const bindingKeys = new Map<string, string>();
  for (const channel of channels) for (const evidence of bindingEvidence(context, channel)) bindingKeys.set(bindingProtocol(evidence.bindingKey)!, evidence.bindingKey);
  if (bindingKeys.size !== 1) return [];
  const [[protocol, bindingKey]] = [...bindingKeys.entries()] as [[string, string]];
  const edits = setValue(editable(context.file), ['servers', protocol], serverStub(context, bindingKey, protocol));
  return [{ title: `Add a placeholder ${protocol} server "${protocol}" (then replace its host)`, edits: new Map([[context.uri, edits]]), preferred: true, manualOnly: true }];
}

/**
 * A channel whose bindings name a protocol none of its servers speaks: put it on the document's
 * one server that does, or add a placeholder server for that protocol. A new server would join
 * every channel that lists no servers, so those channels get the list they had implicitly: the
 * fix changes nothing but the channel it is about.
 */
function putOnServer(context: FixContext, channelKey: string, bindingKey: string): Fix[] {
  const channel = channelInfo(context, channelKey);
  const protocol = bindingProtocol(bindingKey);
  if (!channel || !channel.inline || !protocol) return [];
  const servers = documentServers(context);
  const reach = serversOfChannel(context, channel, servers);
  const candidates = servers.filter((server) => speaks(server.protocol, bindingKey));
  const file = editable(context.file);
  const path = [...channel.definition.path, 'servers'];
  if (candidates.length > 0) {
    // One server that speaks the protocol: the fix is obvious. Several: each is offered, and the choice is a person's.
    return candidates.map((server) => ({
      title: `Put channel "${channelKey}" on server "${server.key}" (${server.protocol})`,
      edits: new Map([[context.uri, appendToArray(file, path, serverEntry(context, server.key))]]),
      preferred: candidates.length === 1 || undefined,
      manualOnly: candidates.length > 1 || undefined,
    }));
  }
  const newKey = uniqueKey(protocol, (key) => servers.some((server) => server.key === key));
  const steps: Array<(current: EditableFile) => TextEdit[]> = [(current) => setValue(current, ['servers', newKey], serverStub(context, bindingKey, protocol))];
  if (channelsListServers(context)) {
    if (reach.listed) steps.push((current) => appendToArray(current, path, serverEntry(context, newKey)));
    else {
      // The channel keeps the servers that speak one of its other bindings' protocols.
      const others = bindingEvidence(context, channel).map((evidence) => evidence.bindingKey);
      const kept = servers.filter((server) => others.some((other) => speaks(server.protocol, other)));
      steps.push((current) => fillList(current, path, [...kept.map((server) => serverEntry(context, server.key)), serverEntry(context, newKey)]));
    }
    for (const other of channelInfos(context)) {
      if (other.model.key === channelKey || !other.inline || serversOfChannel(context, other, servers).listed) continue;
      steps.push((current) => fillList(current, [...other.definition.path, 'servers'], servers.map((server) => serverEntry(context, server.key))));
    }
  }
  const title = `Add a placeholder ${protocol} server "${newKey}" for channel "${channelKey}" (then replace its host)`;
  // A made-up host is not for "fix all" to write unattended.
  return [{ title, edits: new Map([[context.uri, composeEdits(file, steps)]]), preferred: true, manualOnly: true }];
}

function serverStub(context: RuleContext, bindingKey: string, protocol: string): Record<string, string> {
  const host = placeholderHost(bindingKey);
  return context.major === 3 ? { host, protocol, description: PLACEHOLDER_DESCRIPTION } : { url: host, protocol, description: PLACEHOLDER_DESCRIPTION };
}

/** How a channel names a server: 3.x a `$ref`, 2.x the server's name. */
function serverEntry(context: RuleContext, key: string): unknown {
  return context.major === 3 ? { $ref: localRef(['servers', key]) } : key;
}

function isChannelBinding(channel: ChannelInfo, path: ReadonlyArray<string | number>) {
  return path.length === channel.definition.path.length + 2 && channel.definition.path.every((segment, index) => String(segment) === String(path[index]));
}

/** `operations/<key>/bindings/<protocol>` (3.x) or `channels/<address>/<verb>/bindings/<protocol>` (2.x). */
function describeOperation(path: ReadonlyArray<string | number>): string {
  const owner = String(path[path.length - 3]);
  if (owner === 'publish' || owner === 'subscribe') return `The ${owner} operation`;
  return `Operation "${owner}"`;
}

function describeChannel(channel: ChannelInfo): string {
  const address = channel.model.address;
  return address && address !== channel.model.key ? `"${channel.model.key}" (${address})` : `"${channel.model.key}"`;
}

/** `production and staging (kafka)`, `a (kafka) and b (mqtt)`. */
function describeServers(servers: ServerInfo[]): string {
  const byProtocol = new Map<string, string[]>();
  for (const server of servers) {
    const protocol = server.protocol ?? 'no protocol';
    byProtocol.set(protocol, [...(byProtocol.get(protocol) ?? []), server.key]);
  }
  return listOf([...byProtocol.entries()].map(([protocol, keys]) => `${listOf(keys)} (${protocol})`));
}
