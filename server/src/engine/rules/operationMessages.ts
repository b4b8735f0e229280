import { channelInfo, editable, fillList, isObject, listOf, operationInfos, type OperationInfo } from '../discipline/channelTransport';
import type { DocumentRule, Fix, FixContext, RuleContext, RuleFinding } from '../discipline/documentRule';
import { dereference, type SchemaLocation } from '../schemas/bundle';
import type { JsonPath } from '../text/paths';
import type { OperationAction } from '../workspace/applicationModel';

/**
 * operation-messages: every operation says which messages it sends or receives.
 *
 * AsyncAPI 3.x: an operation (and a reply with a channel) lists its messages as `$ref`s to its
 * channel's messages. Left out, tools assume all of the channel's: harmless while the channel
 * carries one message (reported at most as info), ambiguous as soon as it carries several.
 * AsyncAPI 2.x: a `publish` or
 * `subscribe` operation defines its `message`. Messages listed from another channel are the
 * parser's `asyncapi3-operation-messages-from-referred-channel`, not this rule.
 */
export const operationMessages: DocumentRule = {
  id: 'operation-messages',
  defaultSeverity: 'warning',
  strictSeverity: 'error',
  rationale: 'An operation that does not list its messages leaves readers, code generators and compatibility checks to assume every message of its channel, which is ambiguous as soon as the channel carries several.',
  category: 'discipline',
  origin: 'event-design',
  check(context) {
    return context.major === 2 ? checkVersion2(context) : operationInfos(context).flatMap((operation) => checkVersion3(context, operation));
  },
  fixes(finding, context) {
    if (finding.uri || typeof finding.data?.operationKey !== 'string') return [];
    const operation = operationInfos(context).find((candidate) => candidate.model.key === finding.data!.operationKey);
    if (!operation || !operation.inline) return [];
    const target = listTarget(context, operation, finding.data.part === 'reply');
    return target ? listFixes(context, operation, target) : [];
  },
};

/** Where an operation's (or its reply's) messages are listed, and what they can be. */
interface ListTarget {
  part: 'operation' | 'reply';
  /** Where `messages` is, or goes (in the operation's definition). */
  owner: SchemaLocation;
  listed: unknown;
  channelKey: string;
  /** The `$ref` to the channel as the operation writes it: message `$ref`s must start with it. */
  channelRef: string;
  messageKeys: string[];
  /** What the application does with these messages. */
  action?: OperationAction;
}

function checkVersion3(context: RuleContext, operation: OperationInfo): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const part of ['operation', 'reply'] as const) {
    const target = listTarget(context, operation, part === 'reply');
    if (!target || (Array.isArray(target.listed) && target.listed.length > 0)) continue;
    const subject = part === 'reply' ? `The reply of operation "${operation.model.key}"` : `Operation "${operation.model.key}"`;
    const verb = target.action === 'receive' ? 'receives' : 'sends';
    const channel = `channel "${target.channelKey}"`;
    const names = target.messageKeys.map((key) => `"${key}"`);
    let message: string;
    if (target.messageKeys.length === 0) message = `${subject} cannot say which messages it ${verb}: ${channel} defines none. Define them under the channel's messages and list them here.`;
    else if (Array.isArray(target.listed)) message = `${subject} lists no messages (messages: []), yet ${channel} carries ${listOf(names)}: list the ones it ${verb}.`;
    else if (target.messageKeys.length === 1) message = `${subject} does not list its messages: it ${verb} ${names[0]} only because ${channel} carries nothing else, and silently takes on any message added to the channel later. List it under messages.`;
    else message = `${subject} does not say which of the ${target.messageKeys.length} messages of ${channel} (${listOf(names)}) it ${verb}: readers, code generators and compatibility checks must assume all of them. List the ones it ${verb} under messages.`;
    const basePath: JsonPath = part === 'reply' ? [...operation.model.path, 'reply'] : operation.model.path;
    // Implicit but unambiguous (the channel carries one message): at most info.
    const implicit = !Array.isArray(target.listed) && target.messageKeys.length === 1;
    findings.push({
      ruleId: 'operation-messages',
      message,
      path: Array.isArray(target.listed) && operation.inline ? [...basePath, 'messages'] : basePath,
      anchor: 'key',
      severity: implicit ? 'info' : undefined,
      data: { operationKey: operation.model.key, part },
    });
  }
  return findings;
}

function listTarget(context: RuleContext, operation: OperationInfo, reply: boolean): ListTarget | undefined {
  let owner: SchemaLocation = operation.definition;
  let value: Record<string, unknown> = operation.value;
  if (reply) {
    if (!isObject(operation.value.reply)) return undefined;
    const found = inlineOr(context, { uri: operation.definition.uri, path: [...operation.definition.path, 'reply'] }, operation.value.reply);
    if (!found || !isObject(found.value)) return undefined;
    owner = found.location;
    value = found.value;
  }
  const channelRef = isObject(value.channel) && typeof value.channel.$ref === 'string' ? value.channel.$ref : undefined;
  const match = channelRef ? /^#\/channels\/([^/]+)$/.exec(channelRef) : null;
  // An operation without a channel, or with one elsewhere, is reported by the structure and reference checks.
  if (!channelRef || !match) return undefined;
  const channelKey = decodeSegment(match[1]!);
  const channel = channelInfo(context, channelKey);
  if (!channel) return undefined;
  const messages = inlineOr(context, { uri: channel.definition.uri, path: [...channel.definition.path, 'messages'] }, channel.value.messages)?.value;
  const action = operation.model.action && reply ? (operation.model.action === 'send' ? 'receive' : 'send') : operation.model.action;
  return { part: reply ? 'reply' : 'operation', owner, listed: value.messages, channelKey, channelRef, messageKeys: isObject(messages) ? Object.keys(messages) : [], action };
}

/** A value as written, or, when it is a `$ref`, what it leads to (the common case costs nothing). */
function inlineOr(context: RuleContext, location: SchemaLocation, value: unknown): { location: SchemaLocation; value: unknown } | undefined {
  if (!isObject(value) || typeof value.$ref !== 'string') return { location, value };
  return dereference(location, context.read, context.schemaIds);
}

function listFixes(context: FixContext, operation: OperationInfo, target: ListTarget): Fix[] {
  if (target.messageKeys.length === 0 || target.owner.uri !== context.uri) return [];
  const file = editable(context.file);
  const path = [...target.owner.path, 'messages'];
  const refOf = (key: string) => ({ $ref: `${target.channelRef}/messages/${encodeSegment(key)}` });
  const where = target.part === 'reply' ? `the reply of operation "${operation.model.key}"` : `operation "${operation.model.key}"`;
  const all = target.messageKeys.map((key) => `"${key}"`);
  const fixes: Fix[] = [
    {
      title: target.messageKeys.length === 1 ? `List message ${all[0]} on ${where}` : `List all messages of channel "${target.channelKey}" (${listOf(all)}) on ${where}`,
      edits: new Map([[context.uri, fillList(file, path, target.messageKeys.map(refOf))]]),
      preferred: true,
    },
  ];
  if (target.messageKeys.length > 1) {
    for (const key of target.messageKeys) {
      const others = listOf(target.messageKeys.filter((other) => other !== key).map((other) => `"${other}"`));
      fixes.push({
        title: `List only message "${key}" on ${where}`,
        edits: new Map([[context.uri, fillList(file, path, [refOf(key)])]]),
        // Narrowing what a sender sends breaks nobody, but which message it is, is a person's call;
        // narrowing what a receiver accepts breaks the producers of the others.
        breaking: target.action === 'receive' ? `channel "${target.channelKey}" still carries ${others}: a receiver that lists only "${key}" declares it cannot handle them` : undefined,
        manualOnly: target.action === 'receive' ? undefined : true,
      });
    }
  }
  return fixes;
}

function checkVersion2(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const operation of context.application.operations) {
    if (!operation.verb) continue;
    const found = dereference({ uri: context.uri, path: operation.path }, context.read, context.schemaIds);
    if (!found || !isObject(found.value)) continue;
    const message = found.value.message;
    const empty = message === undefined || message === null || (isObject(message) && Array.isArray(message.oneOf) && message.oneOf.length === 0);
    if (!empty) continue;
    const does = operation.verb === 'publish' ? 'receives on it (in 2.x, publish means the application receives)' : 'sends on it (in 2.x, subscribe means the application sends)';
    findings.push({
      ruleId: 'operation-messages',
      message: `The ${operation.verb} operation of channel "${operation.channelKey}" defines no message: nobody can tell what the application ${does}. Define its message, or a $ref to one under components.messages.`,
      path: operation.path,
      anchor: 'key',
    });
  }
  return findings;
}

function decodeSegment(segment: string) {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // keep it as written
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

function encodeSegment(segment: string) {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1').replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]/g, (character) => encodeURIComponent(character));
}
