import type { TreeNode } from '../text/tree';
import { childValue } from '../text/tree';

/** What a file is to the engine. */
export type FileKind =
  | { kind: 'asyncapi'; version: string; major: 2 | 3 }
  | { kind: 'json-schema'; dialect: JsonSchemaDialect }
  | { kind: 'avro' }
  | { kind: 'protobuf' }
  | { kind: 'config' }
  | { kind: 'other' };

export type JsonSchemaDialect = 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12';

export const CONFIG_FILE_NAME = '.event-design.yaml';

/** AsyncAPI versions the engine validates; others get a clear diagnostic. */
export const SUPPORTED_ASYNCAPI_VERSIONS = ['2.0.0', '2.1.0', '2.2.0', '2.3.0', '2.4.0', '2.5.0', '2.6.0', '3.0.0', '3.1.0'] as const;

export function baseName(uri: string) {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/**
 * Recognises a file by name and top-level keys. A JSON or YAML file is a JSON Schema when its
 * `$schema` names a meta-schema the engine knows, or when its name says so; a file with any other
 * `$schema` (a tsconfig.json, a TextMate grammar) belongs to some other tool and is left alone.
 * Files that an AsyncAPI document references as a payload or headers schema are JSON Schema too;
 * the workspace index adds that knowledge.
 */
export function classifyFile(uri: string, root: TreeNode | undefined): FileKind {
  const name = baseName(uri).toLowerCase();
  if (name === CONFIG_FILE_NAME) return { kind: 'config' };
  if (name.endsWith('.avsc')) return { kind: 'avro' };
  if (name.endsWith('.proto')) return { kind: 'protobuf' };
  const asyncapi = childValue(root, 'asyncapi');
  if (asyncapi && (asyncapi.type === 'string' || asyncapi.type === 'number')) {
    const version = String(asyncapi.value);
    return { kind: 'asyncapi', version, major: version.startsWith('2') ? 2 : 3 };
  }
  const schemaUri = childValue(root, '$schema');
  const declared = schemaUri?.type === 'string' ? metaSchemaDialect(String(schemaUri.value)) : undefined;
  if (declared) return { kind: 'json-schema', dialect: declared };
  if (/\.schema\.(json|ya?ml)$/.test(name)) return { kind: 'json-schema', dialect: 'draft-07' };
  return { kind: 'other' };
}

/** The meta-schema each dialect is validated against, as ajv knows it. */
export const META_SCHEMA_URIS: Readonly<Record<JsonSchemaDialect, string>> = {
  'draft-04': 'http://json-schema.org/draft-04/schema#',
  'draft-06': 'http://json-schema.org/draft-06/schema#',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

const META_SCHEMA = /^https?:\/\/json-schema\.org\/(?:(draft-0[467])\/schema|draft\/(2019-09|2020-12)\/schema|(schema))#?$/;

/**
 * The dialect a `$schema` URI names (http or https, with or without `#`); undefined for any other
 * URI. The old "latest" URI `http://json-schema.org/schema#` is read as draft-07, as before.
 */
export function metaSchemaDialect(schemaUri: string): JsonSchemaDialect | undefined {
  const match = META_SCHEMA.exec(schemaUri.trim());
  if (!match) return undefined;
  return match[3] ? 'draft-07' : ((match[1] ?? match[2]) as JsonSchemaDialect);
}

/** The JSON Schema dialect named by a `$schema` URI or a schema format's version; draft-07 when it names none we know. */
export function dialectOf(schemaUri: string | undefined): JsonSchemaDialect {
  if (!schemaUri) return 'draft-07';
  if (schemaUri.includes('2020-12')) return '2020-12';
  if (schemaUri.includes('2019-09')) return '2019-09';
  if (schemaUri.includes('draft-06')) return 'draft-06';
  if (schemaUri.includes('draft-04')) return 'draft-04';
  return 'draft-07';
}
