import type { RuleDefinition } from './rule';

/** Findings of @asyncapi/parser under a code this registry does not know yet (a newer parser). */
export const asyncapiParserOther: RuleDefinition = {
  id: 'asyncapi-parser',
  defaultSeverity: 'warning',
  rationale: 'The AsyncAPI parser reported something under a code event-design does not know yet; the lower of its own severity and the configured one applies.',
  category: 'validity',
  origin: '@asyncapi/parser',
};
