import type { DocumentRule, FixContext, RuleFinding } from '../discipline/documentRule';
import { avroExample, jsonSchemaExample } from '../discipline/exampleGenerator';
import { messageSchema, type MessagePart, type MessageSchema } from '../discipline/messageSchemaWalk';
import { wholeLines } from '../discipline/schemaKeywordEdits';
import { appendToArray, composeEdits, setValue, type EditableFile, type TextEdit } from '../edits/documentEdits';
import { bundleSchema, dereference, type SchemaLocation } from '../schemas/bundle';
import { checkValue, compileCached } from '../schemas/validators';
import { dialectOf } from '../workspace/fileKind';

/** What a message's examples lack. */
type Missing = 'examples' | 'payload' | 'headers';

const SUMMARY = 'Generated from the message schemas by event-design: replace the values with a realistic event.';

/**
 * `message-examples`: a message with a payload (or headers) shows at least one example of each.
 * Whether the examples are valid is `message-example-invalid`'s business. The fix generates an
 * example from the schemas (JSON Schema or Avro) that they accept.
 */
export const messageExamples: DocumentRule = {
  id: 'message-examples',
  defaultSeverity: 'info',
  strictSeverity: 'warning',
  rationale: 'An example is how other teams learn what a message looks like, and what mocks, contract tests and documentation are built from; a schema alone does not show a realistic event.',
  category: 'discipline',
  origin: 'event-design',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const view of context.messages) {
      const hasPayload = view.value.payload !== undefined && view.value.payload !== null;
      const hasHeaders = view.value.headers !== undefined && view.value.headers !== null;
      if (!hasPayload && !hasHeaders) continue;
      const examples = (Array.isArray(view.value.examples) ? view.value.examples : []).filter((example): example is Record<string, unknown> => !!example && typeof example === 'object' && !Array.isArray(example));
      const missing: Missing[] = [];
      if (examples.length === 0) missing.push('examples');
      else {
        if (hasPayload && !examples.some((example) => example.payload !== undefined)) missing.push('payload');
        if (hasHeaders && !examples.some((example) => example.headers !== undefined)) missing.push('headers');
      }
      if (missing.length === 0) continue;
      const what = hasPayload && hasHeaders ? 'its payload and headers look like' : hasPayload ? 'its payload looks like' : 'its headers look like';
      const parts = missing.map((part) => (part === 'payload' ? 'its payload' : 'its headers')).join(' or ');
      const message =
        missing[0] === 'examples'
          ? `Message "${view.name}" has no examples: other teams learn from an example what ${what}, and mocks, contract tests and documentation are built from one. Add an example`
          : `No example of message "${view.name}" shows ${parts}: readers of the examples do not see what a whole event looks like. Add ${missing.length > 1 || missing[0] === 'headers' ? 'them' : 'one'} to an example`;
      findings.push({
        ruleId: this.id,
        uri: view.definition.uri === context.uri ? undefined : view.definition.uri,
        message,
        path: view.definition.path,
        anchor: 'key',
        data: { definition: view.definition, missing },
      });
    }
    return findings;
  },
  async fixes(finding, context) {
    const data = finding.data as { definition?: SchemaLocation; missing?: Missing[] } | undefined;
    if (!data?.definition || !data.missing) return [];
    const view = context.messages.find((candidate) => candidate.definition.uri === data.definition!.uri && candidate.definition.path.length === data.definition!.path.length && candidate.definition.path.every((segment, index) => String(segment) === String(data.definition!.path[index])));
    if (!view) return [];
    const target = await context.fileAt(view.definition.uri);
    if (!target) return [];
    const file: EditableFile = { source: target.source, root: target.tree.root };
    const path = view.definition.path;
    const parts: MessagePart[] = data.missing[0] === 'examples' ? (['headers', 'payload'] as const).filter((part) => view.value[part] !== undefined && view.value[part] !== null) : (data.missing as MessagePart[]);
    const generated: Partial<Record<MessagePart, unknown>> = {};
    const formats: string[] = [];
    for (const part of parts) {
      const schema = messageSchema(view, part, context.read, context.schemaIds);
      const example = schema ? exampleFor(schema, context) : undefined;
      if (example === undefined) return [];
      generated[part] = example;
      if (schema && !formats.includes(schema.format)) formats.push(schema.format);
    }
    const from = `${parts.length > 1 ? 'the payload and headers schemas' : `the ${parts[0]} schema`}${formats.includes('avro') ? ' (Avro)' : ''}`;
    let edits: TextEdit[];
    let title: string;
    if (data.missing[0] === 'examples') {
      const example = { name: 'generatedFromSchema', summary: SUMMARY, ...generated };
      if (Array.isArray(view.own.examples)) edits = appendToArray(file, [...path, 'examples'], example);
      else if (Array.isArray(view.value.examples) && view.value.examples.length > 0) return []; // examples from a trait: the message's own would replace them
      else edits = setValue(file, [...path, 'examples'], [example]);
      title = `Add an example generated from ${from}`;
    } else {
      // Complete the first example the message itself holds.
      const own = Array.isArray(view.own.examples) ? view.own.examples : [];
      const index = own.findIndex((example) => !!example && typeof example === 'object' && !Array.isArray(example));
      if (index < 0) return [];
      edits = composeEdits(
        file,
        parts.map((part) => (current: EditableFile) => setValue(current, [...path, 'examples', index, part], generated[part])),
      );
      title = `Add ${parts.map((part) => (part === 'payload' ? 'a payload' : 'headers')).join(' and ')} generated from ${from} to example ${describeExample(own[index], index)}`;
    }
    return [{ title, edits: new Map([[view.definition.uri, wholeLines(target.source, edits)]]), preferred: true }];
  },
};

/** An example value the schema accepts, as `message-example-invalid` checks it (and in the schema file's own dialect). */
function exampleFor(schema: MessageSchema, context: FixContext): unknown {
  if (schema.format === 'avro') {
    const found = dereference(schema.location, context.read, context.schemaIds);
    return found ? avroExample(found.value) : undefined;
  }
  if (schema.format !== 'json-schema') return undefined;
  const definitionsKey = schema.dialect === '2019-09' || schema.dialect === '2020-12' ? '$defs' : 'definitions';
  const bundled = bundleSchema(schema.location, context.read, context.schemaIds, definitionsKey);
  if (!bundled || bundled.missing.length > 0) return undefined;
  const example = jsonSchemaExample(bundled.schema, schema.dialect);
  if (example === undefined) return undefined;
  // A referenced file that names another dialect (2020-12) must accept it in that dialect too.
  const root = dereference(schema.location, context.read, context.schemaIds);
  const own = root && root.location.path.length === 0 && root.value && typeof root.value === 'object' ? (root.value as Record<string, unknown>).$schema : undefined;
  if (typeof own === 'string' && dialectOf(own) !== schema.dialect) {
    const dialect = dialectOf(own);
    const rebundled = bundleSchema(schema.location, context.read, context.schemaIds, dialect === '2019-09' || dialect === '2020-12' ? '$defs' : 'definitions');
    const validate = rebundled ? compileCached(dialect, rebundled.schema) : undefined;
    if (validate && !(validate instanceof Error) && checkValue(validate, example).verdict !== 'valid') return undefined;
  }
  return example;
}

function describeExample(example: unknown, index: number): string {
  const name = example && typeof example === 'object' ? (example as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? `"${name}"` : `#${index + 1}`;
}
