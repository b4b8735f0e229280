import { channelInfos, editable, isObject, listOf} from '../discipline/channelTransport';
import type { DocumentRule, Fix, FixContext, RuleContext, RuleFinding } from '../discipline/documentRule';
import { removeValue, setValue } from '../edits/documentEdits';
import { dereference, type SchemaLocation } from '../schemas/bundle';
import { samePath, type JsonPath } from '../text/paths';
import { titleFromName } from './messageIdentity';

/**
 * address-parameters: every `{name}` in a channel address is defined under the channel's
 * `parameters`, and every defined parameter is used.
 *
 * @asyncapi/parser checks this too, but only for channels that have a `parameters` object (and,
 * in 2.x, `{…}` in their name): `asyncapi3-channel-parameters` and
 * `asyncapi2-channel-parameters`. This rule reports exactly what they leave out, so that no
 * problem is reported twice: an address with parameters and no `parameters` at all, and (2.x) a
 * `parameters` object on a channel whose name has no parameter.
 */
export const addressParameters: DocumentRule = {
  id: 'address-parameters',
  defaultSeverity: 'warning',
  strictSeverity: 'error',
  rationale: 'Parameters in a channel address tell consumers how to build the topic names they subscribe to; undefined ones leave them guessing, unused ones hint at a renamed topic.',
  category: 'discipline',
  origin: 'event-design',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const channel of definitions(context)) {
      const expressions = expressionsOf(channel.address);
      const parametersAt = { uri: channel.definition.uri, path: [...channel.definition.path, 'parameters'] };
      const parameters = isObject(channel.parameters) && typeof channel.parameters.$ref === 'string' ? dereference(parametersAt, context.read, context.schemaIds) : { location: parametersAt, value: channel.parameters };
      const elsewhere = channel.definition.uri !== context.uri;
      if (expressions.length > 0 && channel.parameters === undefined) {
        const names = expressions.map((name) => `{${name}}`);
        findings.push({
          ruleId: this.id,
          uri: elsewhere && context.major === 3 ? channel.definition.uri : undefined,
          message: `${channel.address === channel.key ? `Channel "${channel.key}"` : `The address "${channel.address}" of channel "${channel.key}"`} has ${names.length === 1 ? 'the parameter' : 'the parameters'} ${listOf(names)}, but the channel defines no parameters: consumers cannot tell what values ${names.length === 1 ? 'it takes' : 'they take'}, nor build the names to subscribe to. Define ${names.length === 1 ? 'it' : 'them'} under parameters.`,
          path: context.major === 3 ? [...channel.definition.path, 'address'] : channel.reportPath,
          anchor: context.major === 3 ? 'value' : 'key',
          data: { kind: 'undefined', definition: channel.definition.path },
        });
      }
      // 2.x: the parser checks parameters only when the name has some; 3.x: whenever `parameters` exists.
      if (context.major === 2 && expressions.length === 0 && parameters && isObject(parameters.value)) {
        for (const name of Object.keys(parameters.value)) {
          findings.push({
            ruleId: this.id,
            uri: parameters.location.uri === context.uri ? undefined : parameters.location.uri,
            message: `Channel "${channel.key}" defines the parameter "${name}", but its name has no {${name}}: no consumer can use it. It is often left over from a renamed channel; remove it, or put {${name}} in the channel name.`,
            path: [...parameters.location.path, name],
            anchor: 'key',
            data: { kind: 'unused', definition: channel.definition.path },
          });
        }
      }
    }
    return findings;
  },
  fixes(finding, context) {
    if (finding.uri) return [];
    const channel = definitions(context).find((candidate) => candidate.definition.uri === context.uri && samePath(candidate.definition.path, (finding.data?.definition as JsonPath | undefined) ?? []));
    if (!channel) return [];
    if (finding.data?.kind === 'undefined') return defineFixes(context, channel);
    if (finding.data?.kind === 'unused') return removeFixes(context, channel);
    return [];
  },
};

/** A channel definition, each once: under `channels` or, in 3.x, `components.channels`. */
interface ChannelDefinition {
  key: string;
  address?: string;
  definition: SchemaLocation;
  /** The channel's `parameters` as written (`undefined` when there is no such key). */
  parameters: unknown;
  /** Where to report about the address in 2.x: the channel's key in this document. */
  reportPath: JsonPath;
}

function definitions(context: RuleContext): ChannelDefinition[] {
  const result: ChannelDefinition[] = [];
  const seen = new Set<string>();
  const add = (key: string, value: Record<string, unknown>, definition: SchemaLocation, reportPath: JsonPath) => {
    const id = `${definition.uri}#${definition.path.join('/')}`;
    if (seen.has(id)) return;
    seen.add(id);
    const address = context.major === 2 ? key : typeof value.address === 'string' ? value.address : undefined;
    result.push({ key, address, definition, parameters: value.parameters, reportPath });
  };
  for (const channel of channelInfos(context)) add(channel.model.key, channel.value, channel.definition, channel.model.path);
  const components = context.document.components;
  if (context.major === 3 && isObject(components) && isObject(components.channels)) {
    for (const key of Object.keys(components.channels)) {
      const found = dereference({ uri: context.uri, path: ['components', 'channels', key] }, context.read, context.schemaIds);
      if (found && isObject(found.value)) add(key, found.value, found.location, ['components', 'channels', key]);
    }
  }
  return result;
}

/** `orders.{region}.{orderId}` → `['region', 'orderId']`, each once, in order. */
export function expressionsOf(address: string | undefined): string[] {
  if (!address) return [];
  return [...new Set([...address.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]!))];
}

function defineFixes(context: FixContext, channel: ChannelDefinition): Fix[] {
  const names = expressionsOf(channel.address);
  const parameters: Record<string, unknown> = {};
  for (const name of names) {
    const description = `${titleFromName(name)} (the {${name}} part of the channel address).`;
    // 2.x parameters carry a schema; a segment of a channel name is a string.
    parameters[name] = context.major === 2 ? { description, schema: { type: 'string' } } : { description };
  }
  const edits = setValue(editable(context.file), [...channel.definition.path, 'parameters'], parameters);
  return [{ title: `Define ${names.length === 1 ? 'parameter' : 'parameters'} ${listOf(names.map((name) => `"${name}"`))} of channel "${channel.key}"`, edits: new Map([[context.uri, edits]]), preferred: true }];
}

/**
 * Removes every parameter of a channel whose name has none: one edit for all of them, so that
 * fixing each finding separately (as "fix all" does) cannot leave an empty `parameters:` behind.
 */
function removeFixes(context: FixContext, channel: ChannelDefinition): Fix[] {
  if (!isObject(channel.parameters)) return [];
  const names = Object.keys(channel.parameters).map((name) => `"${name}"`);
  const edits = removeValue(editable(context.file), [...channel.definition.path, 'parameters']);
  const what = names.length === 1 ? `the unused parameter ${names[0]}` : `the unused parameters ${listOf(names)}`;
  // Not breaking, but the name may have lost its `{…}` by mistake: a person confirms.
  return [{ title: `Remove ${what} from channel "${channel.key}" (not breaking; check the name should not use ${names.length === 1 ? 'it' : 'them'})`, edits: new Map([[context.uri, edits]]), manualOnly: true }];
}
