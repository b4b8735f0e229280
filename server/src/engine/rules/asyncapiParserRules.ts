import type { SeveritySetting } from '../findings/finding';
import type { RuleDefinition } from './rule';

/**
 * The checks of @asyncapi/parser's own ruleset that event-design reports under their parser
 * code. They are the parser's checks, not ours, so they are listed here as one table rather than
 * one file each. Document-metadata recommendations (contact, licence, id…) are hints: they say
 * nothing about whether the events flow correctly.
 */
function parserRule(id: string, defaultSeverity: SeveritySetting, rationale: string, category: RuleDefinition['category'] = 'validity'): RuleDefinition {
  return { id, defaultSeverity, rationale, category, origin: '@asyncapi/parser', parserCodes: [id] };
}

export const asyncapiParserRules: readonly RuleDefinition[] = [
  parserRule('asyncapi-latest-version', 'off', 'The document does not use the latest AsyncAPI version; upgrading is a team decision, so this is off by default.'),
  parserRule('asyncapi-id', 'hint', 'The document has no `id`, the identifier that tells applications apart.'),
  parserRule('asyncapi-defaultContentType', 'hint', 'The document has no `defaultContentType`, so each message must state how its payload is encoded.'),
  parserRule('asyncapi-info-description', 'info', 'The `info.description` is missing or empty: readers cannot tell what the application does.'),
  parserRule('asyncapi-info-contact', 'hint', 'The `info.contact` is missing: consumers cannot tell who owns these events.'),
  parserRule('asyncapi-info-contact-properties', 'hint', 'The contact lacks a name, URL or e-mail.'),
  parserRule('asyncapi-info-license', 'hint', 'The `info.license` is missing.'),
  // The parser marks it non-recommended: off unless a configuration sets a severity.
  parserRule('asyncapi-info-license-url', 'off', 'The licence has no URL.'),
  parserRule('asyncapi-servers', 'info', 'The document declares no servers, so nobody can tell where its channels live.'),
  parserRule('asyncapi2-server-security', 'error', 'A server refers to a security scheme that is not defined.'),
  parserRule('asyncapi2-server-variables', 'error', 'Server URL variables must be defined, and every defined variable used.'),
  parserRule('asyncapi2-channel-parameters', 'error', 'Channel parameters must be defined, and every defined parameter used.'),
  parserRule('asyncapi2-channel-servers', 'error', 'A channel lists a server that is not defined.'),
  parserRule('asyncapi2-channel-no-query-nor-fragment', 'error', 'A channel address must not contain a query (`?`) or fragment (`#`).'),
  parserRule('asyncapi2-operation-operationId-uniqueness', 'error', 'Two operations share an `operationId`, so generated code and tooling cannot tell them apart.'),
  parserRule('asyncapi2-operation-security', 'error', 'An operation refers to a security scheme that is not defined.'),
  parserRule('asyncapi2-message-messageId-uniqueness', 'error', 'Two messages share a `messageId`.'),
  parserRule('asyncapi2-tags-uniqueness', 'error', 'Two tags share a name.'),
  parserRule('asyncapi2-schemas', 'error', 'A payload in a custom schema format (OpenAPI, RAML, Avro…) is not valid in that format.', 'schemas'),
  parserRule('asyncapi2-tags', 'hint', 'The document has no tags to group it by.'),
  parserRule('asyncapi2-server-no-empty-variable', 'warning', 'A server URL has an empty `{}` variable.'),
  parserRule('asyncapi2-server-no-trailing-slash', 'warning', 'A server URL ends with a slash.'),
  parserRule('asyncapi2-channel-no-empty-parameter', 'warning', 'A channel address has an empty `{}` parameter.'),
  parserRule('asyncapi2-channel-no-trailing-slash', 'warning', 'A channel address ends with a slash.'),
  parserRule('asyncapi2-operation-operationId', 'hint', 'An operation has no `operationId`.'),
  parserRule('asyncapi2-message-messageId', 'hint', 'A message has no `messageId`.'),
  parserRule('asyncapi2-unused-securityScheme', 'info', 'A security scheme is defined but never used.'),
  parserRule('asyncapi3-operation-messages-from-referred-channel', 'error', 'An operation lists a message that its channel does not carry.'),
  parserRule('asyncapi3-required-operation-channel-unambiguity', 'error', 'An operation must reference a channel under the root `channels`, not a component.', 'references'),
  parserRule('asyncapi3-required-channel-servers-unambiguity', 'error', 'A channel must reference servers under the root `servers`, not components.', 'references'),
  parserRule('asyncapi3-channel-servers', 'error', 'A channel lists a server that is not defined.'),
  parserRule('asyncapi3-channel-no-query-nor-fragment', 'error', 'A channel address must not contain a query (`?`) or fragment (`#`).'),
  parserRule('asyncapi3-channel-parameters', 'error', 'Channel parameters must be defined, and every defined parameter used.'),
];
