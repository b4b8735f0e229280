import { PARSER_SEVERITY, type ParserReport } from './report';
import { isPlainObject, type ResolvedDocument, type ResolvedNode } from './resolvedDocument';
import { CHANNEL_PARAMETER_WORDING, checkDeclaredVariables, urlVariables } from './urlVariables';

/** asyncapi2-channel-parameters on one root channel: its address is its key. */
export function checkV2ChannelParameters(document: ResolvedDocument, report: ParserReport, address: string, channel: ResolvedNode) {
  if (!isPlainObject(channel.value) || !isPlainObject(channel.value.parameters)) return;
  const used = urlVariables(address);
  if (used.length === 0) return;
  checkDeclaredVariables(document, report, 'asyncapi2-channel-parameters', document.child(channel, 'parameters')!, used, CHANNEL_PARAMETER_WORDING);
}

/** The recommended address hints on one root channel. */
export function checkV2ChannelAddress(report: ParserReport, address: string, channel: ResolvedNode) {
  if (address.includes('{}')) report.add('asyncapi2-channel-no-empty-parameter', channel, 'Channel address should not have empty parameter substitution pattern.', PARSER_SEVERITY.warning);
  if (/.+\/$/.test(address)) report.add('asyncapi2-channel-no-trailing-slash', channel, 'Channel address should not end with slash.', PARSER_SEVERITY.warning);
}

export function checkV2Channels(document: ResolvedDocument, report: ParserReport) {
  for (const [address, channel] of document.entries(document.child(document.root, 'channels'))) {
    checkV2ChannelParameters(document, report, address, channel);
    checkV2ChannelAddress(report, address, channel);
  }
}
