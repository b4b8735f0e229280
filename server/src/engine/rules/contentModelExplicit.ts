import type { DocumentRule, RuleFinding } from '../discipline/documentRule';
import { messageSchema, schemaLabel, walkJsonSchema, walkMemory, type MessagePart } from '../discipline/messageSchemaWalk';
import { addSchemaKeyword, wholeLines } from '../discipline/schemaKeywordEdits';
import { dereference, type SchemaLocation, type SchemaSource } from '../schemas/bundle';
import type { JsonSchemaDialect } from '../workspace/fileKind';

/**
 * `content-model-explicit`: every object schema of a message's payload and headers (inline, in
 * components or in other files, at any depth) states whether it accepts properties it does not
 * list. Avro records are closed by the Avro specification and other formats have their own
 * rules: only JSON Schema is checked.
 */
export const contentModelExplicit: DocumentRule = {
  id: 'content-model-explicit',
  defaultSeverity: 'info',
  strictSeverity: 'warning',
  rationale: 'Whether adding a property breaks consumers depends on whether the object schema accepts properties it does not list; left unsaid, the model is open by default and tools, teams and compatibility checks each assume their own.',
  category: 'discipline',
  origin: 'event-design',
  checkMessage(view, context) {
    const findings: RuleFinding[] = [];
    const reported = new Set<string>();
    // A schema that payload and headers share is walked once.
    const memory = walkMemory();
    for (const part of ['payload', 'headers'] as const) {
      const schema = messageSchema(view, part, context.read, context.schemaIds);
      if (!schema || schema.format !== 'json-schema') continue;
      walkJsonSchema({ location: schema.location, dialect: schema.dialect }, context.read, context.schemaIds, (node) => {
        // What `not` describes is what is refused: its shape is not a content model.
        if (node.edge === 'not') return false;
        const value = node.value;
        if (!isObjectSchema(value, node.location, context.read, context.schemaIds)) return;
        if ('additionalProperties' in value || 'unevaluatedProperties' in value) return;
        // A part of an allOf (or if/then/else) is not a whole object: the schema that combines them decides.
        if (node.inComposition) return;
        const composed = hasCompositions(value);
        if (composed && composedExplicitly(value, node.location, context.read, context.schemaIds)) return;
        const key = `${node.location.uri}#${node.location.path.join('/')}`;
        if (reported.has(key)) return;
        reported.add(key);
        findings.push(finding(this.id, context.uri, view.name, part, node.location, value, node.dialect, composed, view.definition));
      }, memory);
    }
    return findings;
  },
  async fixes(finding, context) {
    const data = finding.data as { location?: SchemaLocation; keyword?: string; closable?: boolean } | undefined;
    if (!data?.location || !data.keyword) return [];
    const { location, keyword } = data;
    const target = await context.fileAt(location.uri);
    if (!target) return [];
    const file = { source: target.source, root: target.tree.root };
    const open = {
      title: `Add ${keyword}: true (keeps the model open, as it is today)`,
      edits: new Map([[location.uri, wholeLines(target.source, addSchemaKeyword(file, location.path, keyword, true))]]),
      preferred: true,
    };
    if (!data.closable) return [open];
    return [
      open,
      {
        title: `Add ${keyword}: false (closes the model)`,
        edits: new Map([[location.uri, wholeLines(target.source, addSchemaKeyword(file, location.path, keyword, false))]]),
        breaking: 'events that carry a property the schema does not list, from deployed producers or replayed from the log, fail validation',
      },
    ];
  },
};

function finding(ruleId: string, documentUri: string, messageName: string, part: MessagePart, location: SchemaLocation, value: Record<string, unknown>, dialect: JsonSchemaDialect, composed: boolean, definition: SchemaLocation): RuleFinding {
  const unevaluated = dialect === '2019-09' || dialect === '2020-12';
  // With allOf, additionalProperties does not see the members' properties: only unevaluatedProperties can close it.
  const keyword = composed && unevaluated ? 'unevaluatedProperties' : 'additionalProperties';
  const closable = !composed || unevaluated;
  const label = schemaLabel(location.path);
  const inMessage = location.uri === definition.uri && definition.path.every((segment, index) => String(location.path[index]) === String(segment));
  const subject = label ? `Object schema "${label}"` : inMessage ? `The ${part} object of message "${messageName}"` : 'This object schema';
  const how = closable ? `State ${keyword}: true (what it means today) or false` : `State ${keyword}: true; to close it, move to JSON Schema 2019-09 or later and use unevaluatedProperties: false`;
  // At the root of a schema file, point at the line that says it is an object.
  const path = location.path.length === 0 ? (['type', 'properties', 'allOf'].filter((key) => key in value).map((key) => [key])[0] ?? []) : location.path;
  return {
    ruleId,
    uri: location.uri === documentUri ? undefined : location.uri,
    message: `${subject} does not say whether it accepts properties it does not list: whether adding a property breaks consumers depends on it, and today it is open by default. ${how}`,
    path,
    anchor: 'key',
    data: { location, keyword, closable },
  };
}

/** An object schema: `type: object`, or no type and properties, or a composition of object schemas. */
function isObjectSchema(value: Record<string, unknown>, location: SchemaLocation, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): boolean {
  const type = value.type;
  if (type === 'object' || (Array.isArray(type) && type.includes('object'))) return !hasOnlyAlternatives(value);
  if (type !== undefined) return false;
  if ('properties' in value || 'patternProperties' in value) return true;
  if (!Array.isArray(value.allOf)) return false;
  return value.allOf.some((_, index) => {
    const member = dereference({ uri: location.uri, path: [...location.path, 'allOf', index] }, read, schemaIds)?.value;
    return !!member && typeof member === 'object' && !Array.isArray(member) && isObjectSchema(member as Record<string, unknown>, { uri: location.uri, path: [...location.path, 'allOf', index] }, read, schemaIds);
  });
}

/** `type: object` with oneOf/anyOf and no properties of its own: each alternative carries the model. */
function hasOnlyAlternatives(value: Record<string, unknown>): boolean {
  return (Array.isArray(value.oneOf) || Array.isArray(value.anyOf)) && !('properties' in value) && !('patternProperties' in value) && !Array.isArray(value.allOf);
}

function hasCompositions(value: Record<string, unknown>): boolean {
  return Array.isArray(value.allOf) || Array.isArray(value.oneOf) || Array.isArray(value.anyOf);
}

/** A composition whose every object member states its model says it too. */
function composedExplicitly(value: Record<string, unknown>, location: SchemaLocation, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): boolean {
  if (!Array.isArray(value.allOf) || 'properties' in value || 'patternProperties' in value) return false;
  return value.allOf.every((_, index) => {
    const member = dereference({ uri: location.uri, path: [...location.path, 'allOf', index] }, read, schemaIds)?.value;
    if (!member || typeof member !== 'object' || Array.isArray(member)) return true;
    const object = member as Record<string, unknown>;
    return 'additionalProperties' in object || 'unevaluatedProperties' in object || !isObjectSchema(object, location, read, schemaIds);
  });
}
