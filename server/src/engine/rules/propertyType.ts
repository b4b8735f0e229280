import type { DocumentRule, RuleFinding } from '../discipline/documentRule';
import { exampleValues, jsonTypesOf, messageSchema, schemaLabel, walkJsonSchema, walkMemory } from '../discipline/messageSchemaWalk';
import { addSchemaKeyword, wholeLines } from '../discipline/schemaKeywordEdits';
import type { SchemaLocation } from '../schemas/bundle';

/** Keywords that say what a schema holds. */
const TYPING = ['type', '$ref', '$dynamicRef', '$recursiveRef', 'enum', 'const', 'allOf', 'anyOf', 'oneOf'];

/**
 * `property-type`: every property of a payload or headers schema (JSON Schema; inline, in
 * components or other files, at any depth) says what it holds. The fix takes the type from the
 * values the message examples and the schemas' own `examples` and `default` show for the property.
 */
export const propertyType: DocumentRule = {
  id: 'property-type',
  defaultSeverity: 'warning',
  strictSeverity: 'error',
  rationale: 'A property without a type, $ref, enum, const or combinator accepts any value: a producer can start sending a number where readers expect a string without any schema change, and consumers break silently.',
  category: 'discipline',
  origin: 'event-design',
  checkMessage(view, context) {
    const findings: RuleFinding[] = [];
    // Walked once per message where neither part has examples: a schema payload and headers share adds its own documented values once.
    const shared = walkMemory();
    for (const part of ['payload', 'headers'] as const) {
      const schema = messageSchema(view, part, context.read, context.schemaIds);
      if (!schema || schema.format !== 'json-schema') continue;
      const values = exampleValues(view, part);
      walkJsonSchema({ location: schema.location, dialect: schema.dialect, values }, context.read, context.schemaIds, (node) => {
        if (node.edge === 'not') return false;
        if (node.edge !== 'properties' && node.edge !== 'patternProperties') return;
        if (TYPING.some((keyword) => keyword in node.value)) return;
        const label = schemaLabel(node.location.path) || node.propertyName || String(node.location.path[node.location.path.length - 1]);
        const kind = node.edge === 'patternProperties' ? 'Properties matching' : 'Property';
        findings.push({
          ruleId: this.id,
          uri: node.location.uri === context.uri ? undefined : node.location.uri,
          message: `${kind} "${label}" does not say what it holds (no type, $ref, enum, const or combinator): it accepts any value, so a producer can change what it sends without a schema change and consumers break at run time. Give it a type`,
          path: node.location.path,
          anchor: 'key',
          data: { location: node.location, values: [...node.values], fromExamples: values.length > 0 },
        });
      }, values.length > 0 ? walkMemory() : shared);
    }
    return findings;
  },
  combineMessageFindings(perMessage) {
    // One finding per property schema, with the values every message that uses it shows for it:
    // all those of messages with examples, the schemas' own documented values once.
    const untyped = new Map<string, { finding: RuleFinding; values: unknown[]; documented: boolean }>();
    for (const list of perMessage) {
      for (const finding of list) {
        const data = finding.data as { location: SchemaLocation; values: unknown[]; fromExamples: boolean };
        const key = `${data.location.uri}#${data.location.path.join('/')}`;
        const entry = untyped.get(key);
        if (!entry) untyped.set(key, { finding, values: [...data.values], documented: !data.fromExamples });
        else if (data.fromExamples || !entry.documented) {
          entry.values.push(...data.values);
          entry.documented ||= !data.fromExamples;
        }
      }
    }
    return [...untyped.values()].map(({ finding, values }) => {
      const types = jsonTypesOf(values);
      const evidence = types.filter((type) => type !== 'null').length > 0 ? types : undefined;
      const { location } = finding.data as { location: SchemaLocation };
      return { ...finding, data: { location, types: evidence, count: values.length } };
    });
  },
  async fixes(finding, context) {
    const data = finding.data as { location?: SchemaLocation; types?: string[]; count?: number } | undefined;
    if (!data?.location) return [];
    const target = await context.fileAt(data.location.uri);
    if (!target) return [];
    const file = { source: target.source, root: target.tree.root };
    if (data.types && data.types.length > 0) {
      const type = data.types.length === 1 ? data.types[0]! : data.types;
      const shown = Array.isArray(type) ? `[${type.join(', ')}]` : type;
      const count = data.count ?? 0;
      return [{ title: `Set type: ${shown} (what ${count === 1 ? 'the example value shows' : `the ${count} example values show`})`, edits: new Map([[data.location.uri, wholeLines(target.source, addSchemaKeyword(file, data.location.path, 'type', type))]]), preferred: true }];
    }
    return [
      {
        title: 'Set type: string (a guess: no example shows a value)',
        edits: new Map([[data.location.uri, wholeLines(target.source, addSchemaKeyword(file, data.location.path, 'type', 'string'))]]),
        breaking: 'producers that send a number, a boolean, an object or an array here fail validation',
      },
    ];
  },
};
