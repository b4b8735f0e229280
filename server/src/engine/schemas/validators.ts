import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import type { JsonSchemaDialect } from '../workspace/fileKind';

/**
 * ajv instances per JSON Schema dialect and compiled validators cached by schema content.
 * Compiling dominates ajv's cost (see performance-anchors.md) and a schema's bundled content
 * only changes when its meaning does, so most edits reuse every validator.
 */
type AnyAjv = Ajv | Ajv2019 | Ajv2020 | AjvDraft04;

const instances = new Map<JsonSchemaDialect, AnyAjv>();
const compiled = new Map<string, ValidateFunction | Error>();
const MAX_CACHED = 2000;

export function ajvFor(dialect: JsonSchemaDialect): AnyAjv {
  let ajv = instances.get(dialect);
  if (!ajv) {
    const options = { allErrors: true, strict: false, allowUnionTypes: true, validateFormats: true, logger: false as const, unicodeRegExp: false };
    switch (dialect) {
      case '2020-12':
        ajv = new Ajv2020(options);
        break;
      case '2019-09':
        ajv = new Ajv2019(options);
        break;
      case 'draft-04':
        ajv = new AjvDraft04(options);
        break;
      default:
        ajv = new Ajv(options);
        if (dialect === 'draft-06') ajv.addMetaSchema(draft06);
    }
    addFormats(ajv as Ajv);
    instances.set(dialect, ajv);
  }
  return ajv;
}

/** A validator for a self-contained schema, or the compile error that explains why there is none. */
export function compileCached(dialect: JsonSchemaDialect, schema: unknown): ValidateFunction | Error {
  const key = dialect + '\u0000' + JSON.stringify(schema);
  let entry = compiled.get(key);
  if (!entry) {
    try {
      entry = ajvFor(dialect).compile(schema as object);
    } catch (error) {
      entry = error instanceof Error ? error : new Error(String(error));
    }
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, entry);
  } else {
    // Keep recently used entries at the end, so the oldest go first.
    compiled.delete(key);
    compiled.set(key, entry);
  }
  return entry;
}

/** How many validators are cached; for tests and benchmarks. */
export function cachedValidatorCount() {
  return compiled.size;
}
