import { diffProtobufSchemas, type PayloadMeaning } from '../compatibility';
import type { ChangeLocation, SchemaChange } from '../compatibility/change';
import { isProtobufSchemaFormat } from '../protobuf/protobufPayloads';
import { fieldTypeName, loadProtoSchemaNow, type ProtoSchema } from '../protobuf/protoSchema';
import type { ProtoMessage } from '../protobuf/protoSource';
import { chooseRootMessage } from '../protobuf/rootMessage';
import { resolveRef } from '../references/refSites';

/** Reads the text of a file the contracts hold (a `.proto` file), undefined when there is none. */
export type TextReader = (uri: string) => string | undefined;

/** Both sides are Protobuf payloads. */
export function areProtobufPayloads(producer: PayloadMeaning, consumer: PayloadMeaning): boolean {
  return isProtobufSchemaFormat(producer.format.name) && isProtobufSchemaFormat(consumer.format.name);
}

/**
 * What differs from the producer's Protobuf payload (the writer) to the consumer's (the reader),
 * with the Protobuf differ: only the payload's message and the types it reaches are compared
 * (the rest of each file is not the contract), and neither the package nor the order of
 * messages in the file, which the bytes on the wire do not carry. Undefined when either side
 * cannot be read (the caller says "not compared" then).
 */
export function diffProtobufPayloads(producer: PayloadMeaning, consumer: PayloadMeaning, readText: TextReader): SchemaChange[] | undefined {
  const before = payloadSource(producer, readText);
  const after = payloadSource(consumer, readText);
  if (!before || !after) return undefined;
  const reached = new Set([...reachedTypes(before), ...reachedTypes(after)]);
  return diffProtobufSchemas({ schema: before.schema, ...(before.fileUri ? { uri: before.fileUri } : {}) }, { schema: after.schema, ...(after.fileUri ? { uri: after.fileUri } : {}) })
    .filter((change) => change.kind !== 'protobuf-package-changed' && change.kind !== 'protobuf-message-moved')
    .filter((change) => reached.has(String(change.old.path[0] ?? '')) || reached.has(String(change.new.path[0] ?? '')))
    .filter((change) => !movedToAnotherFile(change, before, after))
    .map((change) => ({ ...change, old: placed(change.old, before), new: placed(change.new, after) }));
}

interface LoadedPayload {
  schema: ProtoSchema;
  message: ProtoMessage;
  fileUri?: string;
  /** Where the payload's schema is written in its document. */
  place: PayloadMeaning['place'];
}

function payloadSource(payload: PayloadMeaning, readText: TextReader): LoadedPayload | undefined {
  const { place } = payload;
  if (!place.uri) return undefined;
  let text: string | undefined;
  let fileUri: string | undefined;
  if (typeof place.value === 'string') text = place.value;
  else if (place.value && typeof place.value === 'object' && typeof (place.value as { $ref?: unknown }).$ref === 'string') {
    const target = resolveRef((place.value as { $ref: string }).$ref, place.uri);
    if (target.kind !== 'file' || target.path.length > 0) return undefined;
    fileUri = target.uri;
    text = readText(fileUri);
  }
  if (text === undefined) return undefined;
  const schema = loadProtoSchemaNow(fileUri ?? place.uri, text, readText);
  if (schema.main.file.problem) return undefined;
  const choice = chooseRootMessage(schema.main.file);
  return choice.kind === 'found' ? { schema, message: choice.message, place, ...(fileUri ? { fileUri } : {}) } : undefined;
}

/** The payload's message and the types of its own file its fields reach, by their name inside the package (as the differ names them). */
function reachedTypes(payload: LoadedPayload): Set<string> {
  const packageName = payload.schema.main.file.package?.name;
  const local = (fullName: string) => (packageName && fullName.startsWith(`${packageName}.`) ? fullName.slice(packageName.length + 1) : fullName);
  const names = new Set<string>();
  const queue = [payload.message];
  while (queue.length > 0) {
    const message = queue.shift()!;
    if (names.has(local(message.fullName))) continue;
    names.add(local(message.fullName));
    for (const field of message.fields) {
      const type = field.map?.valueType ?? field.type;
      const fullName = field.group ? `${message.fullName}.${type}` : fieldTypeName(payload.schema, type, message.fullName);
      const defined = fullName ? payload.schema.types.get(fullName) : undefined;
      if (!defined || defined.unit !== payload.schema.main) continue;
      if (defined.type.kind === 'message') queue.push(defined.type);
      else names.add(local(defined.type.fullName));
    }
  }
  return names;
}

/**
 * The differ compares the payloads' own files: a type one side defines there and the other
 * imports (`Money` in money.proto) is no added or removed type for the contract.
 */
function movedToAnotherFile(change: SchemaChange, before: LoadedPayload, after: LoadedPayload): boolean {
  const added = change.kind === 'protobuf-message-added' || change.kind === 'protobuf-enum-added';
  const removed = change.kind === 'protobuf-message-removed' || change.kind === 'protobuf-enum-removed';
  if ((!added && !removed) || change.subject === undefined) return false;
  const other = added ? before.schema : after.schema;
  return [...other.types.keys()].some((fullName) => fullName === change.subject || fullName.endsWith(`.${change.subject}`));
}

/** A change's location in a `.proto` file stays there; in inline source it is the payload's schema string in the document. */
function placed(location: ChangeLocation, payload: LoadedPayload): ChangeLocation {
  return payload.fileUri ? location : { uri: payload.place.uri, path: payload.place.path };
}
