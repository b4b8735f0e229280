import type { ErrorObject } from 'ajv';
import type { PathFinding } from '../findings/finding';
import { META_SCHEMA_URIS, metaSchemaDialect, type JsonSchemaDialect } from '../workspace/fileKind';
import { dropCombinatorNoise } from '../asyncapi/structure';
import { bundleSchema, originOf, type BundledSchema, type SchemaSource } from './bundle';
import { forEachSubschema } from './subschemas';
import { ajvFor, checkValue, compileCached, type UncheckedPattern } from './validators';

/**
 * Checks a JSON Schema file: the schema against its draft's meta-schema, and every `examples`
 * and `default` value against the schema it belongs to (references followed).
 */
export function checkJsonSchemaFile(uri: string, value: unknown, dialect: JsonSchemaDialect, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): PathFinding[] {
  const findings: PathFinding[] = [];
  if (typeof value === 'boolean') return findings;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ ruleId: 'json-schema-invalid', message: 'A JSON Schema must be an object or a boolean', path: [] }];
  }
  const declared = (value as Record<string, unknown>).$schema;
  if (declared !== undefined && (typeof declared !== 'string' || !metaSchemaDialect(declared))) {
    findings.push({
      ruleId: 'json-schema-invalid',
      severity: 'warning',
      message: `$schema ${JSON.stringify(declared)} names no JSON Schema dialect event-design knows (draft-04, draft-06, draft-07, 2019-09, 2020-12), so this schema is checked as ${dialect}`,
      path: ['$schema'],
    });
  }
  const ajv = ajvFor(dialect);
  // Against its dialect's meta-schema whatever `$schema` says: ajv throws on a URI it does not
  // know, and knows each meta-schema by one spelling only.
  const valid = ajv.validateSchema({ ...(value as object), $schema: META_SCHEMA_URIS[dialect] });
  if (valid === false) findings.push(...metaSchemaFindings(ajv.errors ?? []));
  findings.push(...checkExamplesAndDefaults({ uri, path: [] }, value, dialect, read, schemaIds));
  return withoutRepeatedNotes(findings);
}

/** Checks `examples` and `default` of every subschema of the schema at `start`. */
export function checkExamplesAndDefaults(start: { uri: string; path: (string | number)[] }, value: unknown, dialect: JsonSchemaDialect, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): PathFinding[] {
  const findings: PathFinding[] = [];
  const definitionsKey = dialect === '2019-09' || dialect === '2020-12' ? '$defs' : 'definitions';
  forEachSubschema(value, (schema, relativePath) => {
    const examples = Array.isArray(schema.examples) ? schema.examples : [];
    const hasDefault = Object.prototype.hasOwnProperty.call(schema, 'default');
    if (examples.length === 0 && !hasDefault) return;
    const path = [...start.path, ...relativePath];
    const bundled = bundleSchema({ uri: start.uri, path }, read, schemaIds, definitionsKey);
    // Unfetched remote parts stand as empty schemas: they accept anything, so whatever fails
    // here fails on what is known.
    if (!bundled) return;
    const validate = compileCached(dialect, bundled.schema);
    if (validate instanceof Error) return;
    examples.forEach((example, index) => {
      const check = checkValue(validate, example);
      if (check.verdict === 'invalid') findings.push({ ruleId: 'schema-examples-invalid', message: `This example fails its schema: ${describeErrors(check.errors)}`, path: [...path, 'examples', index] });
      if (check.notValidated) findings.push(notValidated('This example', check.notValidated, [...path, 'examples', index]));
      if (check.verdict !== 'valid') findings.push(...uncheckedPatternNotes(start.uri, bundled, check.unchecked));
    });
    if (hasDefault) {
      const check = checkValue(validate, schema.default);
      if (check.verdict === 'invalid') findings.push({ ruleId: 'schema-default-invalid', message: `The default value fails its schema: ${describeErrors(check.errors)}`, path: [...path, 'default'] });
      if (check.notValidated) findings.push(notValidated('The default value', check.notValidated, [...path, 'default']));
      if (check.verdict !== 'valid') findings.push(...uncheckedPatternNotes(start.uri, bundled, check.unchecked));
    }
  });
  return findings;
}

/** A value that was not validated, and why (its schema never ends, or costs too much). */
export function notValidated(what: string, why: string, path: (string | number)[]): PathFinding {
  return { ruleId: 'value-not-checked', message: `${what} could not be checked: ${why}`, path };
}

/**
 * One `pattern-not-checked` note at each `pattern` (or `patternProperties` key) of the bundled
 * schema that holds one of `unchecked`, in the file it was written in.
 */
export function uncheckedPatternNotes(checkedUri: string, bundled: BundledSchema, unchecked: readonly UncheckedPattern[]): PathFinding[] {
  if (unchecked.length === 0) return [];
  const reasons = new Map(unchecked.map(({ source, reason }) => [source, reason]));
  const notes: PathFinding[] = [];
  const note = (source: string, bundlePath: (string | number)[]) => {
    const origin = originOf(bundled, bundlePath);
    notes.push({
      ruleId: 'pattern-not-checked',
      message: `Pattern "${source}" not checked (${reasons.get(source)}): RE2, the linear-time engine that runs the patterns of your schemas, cannot run it, so values are neither accepted nor rejected by it`,
      path: origin.path as (string | number)[],
      anchor: 'key',
      ...(origin.uri === checkedUri ? {} : { uri: origin.uri }),
    });
  };
  forEachSubschema(bundled.schema, (schema, path) => {
    if (typeof schema.pattern === 'string' && reasons.has(schema.pattern)) note(schema.pattern, [...path, 'pattern']);
    const patternProperties = schema.patternProperties;
    if (patternProperties && typeof patternProperties === 'object') for (const source of Object.keys(patternProperties)) if (reasons.has(source)) note(source, [...path, 'patternProperties', source]);
  });
  return notes;
}

/** Several values checked against one schema leave one note per pattern. */
export function withoutRepeatedNotes(findings: PathFinding[]): PathFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    if (finding.ruleId !== 'pattern-not-checked') return true;
    const key = `${finding.uri ?? ''}#${JSON.stringify(finding.path)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function metaSchemaFindings(errors: ErrorObject[]): PathFinding[] {
  const seen = new Set<string>();
  const findings: PathFinding[] = [];
  for (const error of errors) {
    const path = pointerSegments(error.instancePath);
    const key = path.join('/');
    if (seen.has(key)) continue;
    seen.add(key);
    const name = path.length > 0 ? `"${path[path.length - 1]}"` : 'The schema';
    findings.push({ ruleId: 'json-schema-invalid', message: `${name} ${humanMessage(error)}`, path });
  }
  return dropCombinatorNoise(findings);
}

/** One readable sentence for a list of ajv errors on an instance. */
export function describeErrors(errors: ErrorObject[]): string {
  const parts: string[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'oneOf' || error.keyword === 'anyOf') continue;
    const where = error.instancePath === '' ? '' : `${error.instancePath.slice(1).replace(/\//g, '.')} `;
    const part = `${where}${humanMessage(error)}`.trim();
    // Two subschemas (an allOf part and a branch) often say the same of one value.
    if (parts.includes(part)) continue;
    parts.push(part);
    if (parts.length === 3) break;
  }
  const more = errors.length > parts.length && parts.length === 3 ? '…' : '';
  return (parts.join('; ') || 'it does not match') + more;
}

function humanMessage(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'additionalProperties':
      return `has the property "${String(params.additionalProperty)}", which is not allowed`;
    case 'required':
      return `must have the required property "${String(params.missingProperty)}"`;
    case 'type':
      return `must be ${String(params.type).replace(/,/g, ' or ')}`;
    default:
      return error.message ?? 'is invalid';
  }
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}
