import type { HazardId, SchemaChange } from './change';
import type { WarningId } from './kindRule';
import type { Direction } from './modes';

/**
 * What a warning says: the registry model accepts the change, and this is how real data can
 * still fail. Each text names the direction's reader and writer.
 */
export function warningMessage(id: WarningId | HazardId, change: SchemaChange, direction: Direction): string {
  const reader = direction === 'backward' ? 'the new schema' : 'the old schema';
  const writer = direction === 'backward' ? 'the old one' : 'the new one';
  const name = change.subject ? `"${change.subject}"` : 'the property';
  switch (id) {
    case 'required-with-default':
      return `Schema registries accept this because ${name} has a default, but JSON Schema validators do not fill in defaults: data written with ${writer} without ${name} fails validation against ${reader} unless the reader applies the default before validating.`;
    case 'required-undeclared':
      return `Schema registries accept this because they ignore \`required\` entries for names the schema does not declare in \`properties\`, but JSON Schema validators do not: data written with ${writer} without ${name} fails validation against ${reader}.`;
    case 'id-moves-relative-refs':
      return `The registry accepts a changed $id, but relative $refs in this schema now resolve against the new $id (${JSON.stringify(change.newValue ?? null)}), and whoever finds the schema by its old $id (${JSON.stringify(change.oldValue ?? null)}) no longer does.`;
    case 'one-of-overlap':
      return `Under oneOf, data must match exactly one branch: this change lets a branch accept data that another branch may accept too, and such data now matches twice and fails. Make the branches exclusive (a const discriminator property) or use anyOf.`;
    case 'field-number-not-reserved':
      return `The registry accepts a removed field, but its number and name are free again: a field added later with the same number reads old data with the wrong type or meaning, and one with the same name breaks JSON. Reserve them (\`reserved\` in the message).`;
    case 'enum-default-substitutes':
      return `Readable, but symbols ${reader} does not know are read as its enum default: the value changes meaning silently.`;
    case 'logical-type-meaning':
      return `Avro resolves the underlying type and ignores the logical type, so readers reinterpret the same bytes (${JSON.stringify(change.oldValue ?? null)} → ${JSON.stringify(change.newValue ?? null)}).`;
    case 'payload-not-compared':
      return `This payload format is not compared; review the change by hand.`;
    case 'variable-default-moves-clients':
      return `Nothing breaks on paper, but clients that do not set ${name} now connect with ${JSON.stringify(change.newValue ?? null)} instead of ${JSON.stringify(change.oldValue ?? null)}: they move (another region, environment or port) when they next connect. Make sure that server is ready for them.`;
  }
}

/** Said beside a STRICT break that comes only from an open content model. */
export function openContentModelAdvice(direction: Direction): string {
  const open = direction === 'backward' ? 'the old schema' : 'the new schema';
  return `Breaking under the STRICT policy only because ${open} has an open content model (additionalProperties absent or true): data may already carry undeclared properties of any shape. If producers never send undeclared properties, use the LENIENT policy; for new schemas, publish closed content models (additionalProperties: false) from the first version — closing a model that is already published is itself a break.`;
}

/** Said beside a break inside a keyword that has no effect on data: the registry rejects it all the same. */
export function inertAdvice(change: SchemaChange): string {
  const where = change.subject === 'additionalItems' ? '`additionalItems`' : 'This change is inside `additionalItems`, which';
  return `${where} has no effect where \`items\` is a single schema rather than an array: no message changes validity, but Confluent Schema Registry compares the keyword all the same and rejects the registration. Keep \`additionalItems\` as it was: it changes nothing either way.`;
}
