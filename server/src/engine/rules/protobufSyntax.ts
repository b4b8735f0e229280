import type { RuleDefinition } from './rule';

export const protobufSyntax: RuleDefinition = {
  id: 'protobuf-syntax',
  defaultSeverity: 'error',
  rationale: 'A `.proto` file that protoc cannot read (a syntax error, a label its syntax forbids or requires) generates no code and registers in no registry.',
  category: 'syntax',
  origin: 'event-design',
};
