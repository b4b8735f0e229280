import type { SeveritySetting } from '../findings/finding';
import { addressParameters } from './addressParameters';
import { asyncapiParserOther } from './asyncapiParserOther';
import { asyncapiParserRules } from './asyncapiParserRules';
import { asyncapiRefPlacement } from './asyncapiRefPlacement';
import { asyncapiSchema } from './asyncapiSchema';
import { avroSchemaInvalid } from './avroSchemaInvalid';
import { channelServer } from './channelServer';
import { checkTimeout } from './checkTimeout';
import { compatibilityBreak } from './compatibilityBreak';
import { compatibilityWarning } from './compatibilityWarning';
import { contractConsumerIncompatible } from './contractConsumerIncompatible';
import { contractIncompatible } from './contractIncompatible';
import { contractMessageDivergent } from './contractMessageDivergent';
import { contractNoConsumer } from './contractNoConsumer';
import { contractNoProducer } from './contractNoProducer';
import { cloudeventsAttributes } from './cloudeventsAttributes';
import { configInvalid } from './configInvalid';
import { contentModelExplicit } from './contentModelExplicit';
import { eventNamePastTense } from './eventNamePastTense';
import { correlationId } from './correlationId';
import { deadLetter } from './deadLetter';
import { eventId } from './eventId';
import { fileTooLarge } from './fileTooLarge';
import { infoVersionSemver } from './infoVersionSemver';
import { internalError } from './internalError';
import { jsonSchemaInvalid } from './jsonSchemaInvalid';
import { messageExampleInvalid } from './messageExampleInvalid';
import { messageExamples } from './messageExamples';
import { messageIdentity } from './messageIdentity';
import { operationMessages } from './operationMessages';
import { orderingKey } from './orderingKey';
import { patternNotChecked } from './patternNotChecked';
import { refCycle } from './refCycle';
import { refTargetInvalid } from './refTargetInvalid';
import { refOutsideWorkspace } from './refOutsideWorkspace';
import { remoteRef } from './remoteRef';
import { protobufSyntax } from './protobufSyntax';
import { protobufImportUnresolved } from './protobufImportUnresolved';
import { protobufUnknownType } from './protobufUnknownType';
import { protobufFieldNumber } from './protobufFieldNumber';
import { protobufReserved } from './protobufReserved';
import { protobufDuplicateName } from './protobufDuplicateName';
import { protobufEnumValue } from './protobufEnumValue';
import { protobufRootMessage } from './protobufRootMessage';
import { protobufPayloadImport } from './protobufPayloadImport';
import { propertyType } from './propertyType';
import type { RuleDefinition } from './rule';
import { schemaDefaultInvalid } from './schemaDefaultInvalid';
import { schemaExamplesInvalid } from './schemaExamplesInvalid';
import { schemaId } from './schemaId';
import { syntax } from './syntax';
import { traceContext } from './traceContext';
import { unresolvedRef } from './unresolvedRef';
import { unusedComponent } from './unusedComponent';
import { validationIncomplete } from './validationIncomplete';
import { valueNotChecked } from './valueNotChecked';

export type { RuleDefinition, RuleCategory } from './rule';

/** Every rule, listed explicitly: a rule that is not here does not exist. */
export const RULES: readonly RuleDefinition[] = [
  syntax,
  fileTooLarge,
  asyncapiSchema,
  asyncapiRefPlacement,
  unresolvedRef,
  remoteRef,
  refOutsideWorkspace,
  refCycle,
  refTargetInvalid,
  jsonSchemaInvalid,
  schemaExamplesInvalid,
  schemaDefaultInvalid,
  messageExampleInvalid,
  patternNotChecked,
  valueNotChecked,
  avroSchemaInvalid,
  protobufSyntax,
  protobufImportUnresolved,
  protobufUnknownType,
  protobufFieldNumber,
  protobufReserved,
  protobufDuplicateName,
  protobufEnumValue,
  protobufRootMessage,
  protobufPayloadImport,
  configInvalid,
  validationIncomplete,
  checkTimeout,
  internalError,
  unusedComponent,
  asyncapiParserOther,
  ...asyncapiParserRules,
  // Compatibility with the baseline (breaks/checkBreaks.ts makes the findings).
  compatibilityBreak,
  compatibilityWarning,
  // Cross-service contracts (contracts/checkContracts.ts makes the findings).
  contractIncompatible,
  contractConsumerIncompatible,
  contractMessageDivergent,
  contractNoProducer,
  contractNoConsumer,
  // The event-design discipline: document rules with their fixes.
  messageIdentity,
  infoVersionSemver,
  // Events as facts, schemas and versioning.
  eventNamePastTense,
  schemaId,
  contentModelExplicit,
  propertyType,
  messageExamples,
  // Transport, ordering, failure and replay.
  channelServer,
  operationMessages,
  addressParameters,
  deadLetter,
  orderingKey,
  // Idempotency, observability, hygiene.
  eventId,
  correlationId,
  traceContext,
  cloudeventsAttributes,
];

const byId = new Map(RULES.map((rule) => [rule.id, rule]));
const byParserCode = new Map(RULES.flatMap((rule) => (rule.parserCodes ?? []).map((code) => [code, rule] as const)));

export function ruleById(id: string): RuleDefinition | undefined {
  return byId.get(id);
}

/** The rule that reports a given @asyncapi/parser diagnostic code, if we adopt it. */
export function ruleForParserCode(code: string): RuleDefinition | undefined {
  return byParserCode.get(code);
}

export function defaultSeverityOf(id: string): SeveritySetting {
  return byId.get(id)?.defaultSeverity ?? 'warning';
}

/** Where a rule's documentation lives, relative to the package root. */
export function ruleDocPath(id: string) {
  return `docs/rules/${id}.md`;
}
