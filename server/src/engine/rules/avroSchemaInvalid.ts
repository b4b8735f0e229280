import type { RuleDefinition } from './rule';

export const avroSchemaInvalid: RuleDefinition = {
  id: 'avro-schema-invalid',
  defaultSeverity: 'error',
  rationale: 'The Avro schema (an .avsc file, or a payload written in Avro) is not valid by the Avro specification, so producers and schema registries reject it.',
  category: 'schemas',
  origin: 'event-design',
};
