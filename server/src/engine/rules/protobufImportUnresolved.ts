import type { RuleDefinition } from './rule';

export const protobufImportUnresolved: RuleDefinition = {
  id: 'protobuf-import-unresolved',
  defaultSeverity: 'error',
  rationale: 'An `import` that names no file leaves the types it should define unknown, so protoc fails and nothing that uses them can be checked.',
  category: 'references',
  origin: 'event-design',
};
