import type { ParserReport } from './report';
import { isPlainObject, isReference, type ResolvedDocument, type ResolvedNode } from './resolvedDocument';
import { CHANNEL_PARAMETER_WORDING, checkDeclaredVariables, urlVariables } from './urlVariables';

/** asyncapi3-channel-parameters on one channel (root or component): its address, not its key, holds the parameters. */
export function checkV3ChannelParameters(document: ResolvedDocument, report: ParserReport, channel: ResolvedNode) {
  if (!isPlainObject(channel.value) || !isPlainObject(channel.value.parameters)) return;
  const address = channel.value.address;
  if (address !== undefined && address !== null && typeof address !== 'string') return;
  checkDeclaredVariables(document, report, 'asyncapi3-channel-parameters', document.child(channel, 'parameters')!, urlVariables(address ?? ''), CHANNEL_PARAMETER_WORDING);
}

/**
 * The 3.x rules on references as written in the root file (`resolved: false`): an operation's
 * messages come from its channel, its channel is a root channel, a channel's servers are root
 * servers. Each is a function of one operation or channel entry.
 */
export function checkV3OperationAsWritten(report: ParserReport, rootUri: string, path: Array<string | number>, operation: unknown, isRootOperation: boolean) {
  if (!isPlainObject(operation)) return;
  const channelRef = isPlainObject(operation.channel) ? operation.channel.$ref : undefined;
  if (Array.isArray(operation.messages)) {
    operation.messages.forEach((message, index) => {
      if (isReference(message) && !message.$ref.startsWith(`${String(channelRef)}/messages`)) {
        report.add('asyncapi3-operation-messages-from-referred-channel', { uri: rootUri, at: [...path, 'messages', index] }, 'Operation message does not belong to the specified channel.');
      }
    });
  }
  if (isRootOperation && typeof channelRef === 'string' && !/#\/channels\//.test(channelRef)) {
    report.add(
      'asyncapi3-required-operation-channel-unambiguity',
      { uri: rootUri, at: [...path, 'channel', '$ref'] },
      'The "channel" field of an operation under the root "operations" object must always reference a channel under the root "channels" object.',
    );
  }
}

export function checkV3ChannelServersAsWritten(report: ParserReport, rootUri: string, path: Array<string | number>, channel: unknown) {
  if (!isPlainObject(channel) || !Array.isArray(channel.servers)) return;
  channel.servers.forEach((server, index) => {
    if (isPlainObject(server) && typeof server.$ref === 'string' && !/#\/servers\//.test(server.$ref)) {
      report.add(
        'asyncapi3-required-channel-servers-unambiguity',
        { uri: rootUri, at: [...path, 'servers', index, '$ref'] },
        'The "servers" field of a channel under the root "channels" object must always reference a subset of the servers under the root "servers" object.',
      );
    }
  });
}

export function checkV3Rules(document: ResolvedDocument, report: ParserReport) {
  const root = document.unresolved;
  if (isPlainObject(root)) {
    const operations = isPlainObject(root.operations) ? root.operations : {};
    for (const [name, operation] of Object.entries(operations)) checkV3OperationAsWritten(report, document.rootUri, ['operations', name], operation, true);
    const components = isPlainObject(root.components) ? root.components : {};
    const componentOperations = isPlainObject(components.operations) ? components.operations : {};
    for (const [name, operation] of Object.entries(componentOperations)) checkV3OperationAsWritten(report, document.rootUri, ['components', 'operations', name], operation, false);
    const channels = isPlainObject(root.channels) ? root.channels : {};
    for (const [name, channel] of Object.entries(channels)) checkV3ChannelServersAsWritten(report, document.rootUri, ['channels', name], channel);
  }
  for (const [, channel] of document.entries(document.child(document.root, 'channels'))) checkV3ChannelParameters(document, report, channel);
  for (const [, channel] of document.entries(document.at(['components', 'channels']))) checkV3ChannelParameters(document, report, channel);
}
