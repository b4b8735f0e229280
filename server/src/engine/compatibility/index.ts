/**
 * The compatibility engine: differences between two versions of a JSON Schema, an Avro schema, a
 * Protobuf file or an AsyncAPI document, each named and located in both versions, and judged in the schema
 * registry model (BACKWARD/FORWARD/FULL, transitive or not, STRICT or LENIENT). Host-free: it
 * works on plain values and paths; hosts bring the text, git and the workspace.
 */
export { diffAsyncApiDocuments, diffPayloads, type AsyncApiChange, type AsyncApiDiffOptions, type AsyncApiDiffResult, type AsyncApiInput } from './asyncapiDiff';
export { diffAvroSchemas, type AvroInput } from './avroResolution';
export { BUF_CATEGORIES, BUF_RULES, bufRulesBroken, describeBufBreak, isBufCategory, type BufCategory, type BufRuleId, type ProtobufRules } from './bufRules';
export { HAZARD_IDS, type ChangeLocation, type HazardId, type SchemaChange } from './change';
export { CHANGE_KINDS_BY_FAMILY, CHANGE_RULES, familyOf, type ChangeFamily, type ChangeKind } from './changeKinds';
export { describeChange } from './describeChange';
export { diffJsonSchemas, diffSchemaPlaces, type JsonSchemaDiffOptions, type SchemaInput } from './jsonSchemaDiff';
export type { Cell, KindRule, WarningId } from './kindRule';
export { COMPATIBILITY_MODES, combineRoles, directionsOf, isCompatibilityMode, isTransitive, modeForRole, type CompatibilityMode, type CompatibilityPolicy, type Direction, type MessageRole } from './modes';
export { detectSchemaFamily, diffSchemas, type SchemaFamily } from './schemaFamily';
export { diffProtobufSchemas, type ProtobufChange, type ProtobufInput } from './protobufDiff';
export { checkAgainstVersions, type VersionCheck, type VersionsResult } from './transitive';
export { cellOf, judgeChange, judgeChanges, type CompatibilityResult, type JudgedChange, type VerdictWarning } from './verdicts';
export { readDocumentMeaning, type ChannelMeaning, type DocumentMeaning, type MessageMeaning, type OperationMeaning, type PayloadMeaning } from './asyncapiMeaning';
