import { allTypes, parseProto, type ProtoField, type ProtoFile, type ProtoMessage } from './protoSource';

export type RootMessageChoice = { kind: 'found'; message: ProtoMessage } | { kind: 'none' } | { kind: 'ambiguous'; candidates: ProtoMessage[] };

const ROOT_NODE_MARK = '@RootNode';

/**
 * The message an AsyncAPI payload of this file stands for, chosen as `@asyncapi/protobuf-schema-parser`
 * chooses it: among the file's messages (nested ones too), those no other message uses as a field
 * type (using itself is fine); of several, the first whose comment holds `@RootNode`. Like the
 * parser, a use is counted by the type as written against the message's short name, so a field
 * `shop.Money m` does not make `Money` used: the parser would pick the same root here.
 */
export function chooseRootMessage(file: ProtoFile): RootMessageChoice {
  const messages = allTypes(file).filter((type): type is ProtoMessage => type.kind === 'message');
  const usedBy = new Map<string, Set<string>>();
  for (const message of messages) {
    for (const field of message.fields) {
      const type = field.map?.valueType ?? field.type;
      const users = usedBy.get(type) ?? new Set<string>();
      users.add(message.name);
      usedBy.set(type, users);
    }
  }
  const roots = messages.filter((message) => {
    const users = usedBy.get(message.name);
    return !users || (users.size === 1 && users.has(message.name));
  });
  if (roots.length === 0) return { kind: 'none' };
  if (roots.length === 1) return { kind: 'found', message: roots[0]! };
  const marked = roots.find((message) => message.comment?.includes(ROOT_NODE_MARK));
  return marked ? { kind: 'found', message: marked } : { kind: 'ambiguous', candidates: roots };
}

/** The payload message of proto source, when the source reads and one message qualifies. */
export function payloadMessageOf(source: string): ProtoMessage | undefined {
  const file = parseProto(source);
  if (file.problem && file.messages.length === 0) return undefined;
  const choice = chooseRootMessage(file);
  return choice.kind === 'found' ? choice.message : undefined;
}

/** A field's type as the `.proto` source would declare it: `repeated Money`, `map<string, int64>`, `optional string`. */
export function protoFieldTypeText(field: ProtoField): string {
  if (field.map) return `map<${field.map.keyType}, ${field.map.valueType}>`;
  return field.label ? `${field.label} ${field.type}` : field.type;
}
