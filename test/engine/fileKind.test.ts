import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine/engine';
import { classifyFile, metaSchemaDialect } from '../../server/src/engine/workspace/fileKind';
import { parseSource } from '../../server/src/engine/text/parse';
import { formatOf, SourceFile } from '../../server/src/engine/text/sourceFile';
import { MemoryHost } from './support/memoryHost';

/** Which files are the engine's: a JSON or YAML file with someone else's `$schema` is not. */
const folder = 'file:///kinds';

function kindOf(name: string, text: string) {
  const uri = `${folder}/${name}`;
  return classifyFile(uri, parseSource(new SourceFile(uri, text, 0, formatOf(uri, text))).root);
}

describe('file kinds', function () {
  it('knows the JSON Schema meta-schemas by http and https, with or without "#"', function () {
    const named: Array<[string, string | undefined]> = [
      ['http://json-schema.org/draft-04/schema#', 'draft-04'],
      ['https://json-schema.org/draft-04/schema', 'draft-04'],
      ['http://json-schema.org/draft-06/schema', 'draft-06'],
      ['http://json-schema.org/draft-07/schema#', 'draft-07'],
      ['https://json-schema.org/draft-07/schema#', 'draft-07'],
      ['https://json-schema.org/draft/2019-09/schema', '2019-09'],
      ['http://json-schema.org/draft/2020-12/schema#', '2020-12'],
      ['http://json-schema.org/schema#', 'draft-07'],
      ['http://json-schema.org/draft-03/schema#', undefined],
      ['https://json.schemastore.org/tsconfig', undefined],
      ['https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json', undefined],
      ['nonsense', undefined],
      ['https://example.com/draft-07/schema', undefined],
    ];
    for (const [uri, dialect] of named) assert.equal(metaSchemaDialect(uri), dialect, uri);
  });

  it('leaves files with another tool\'s $schema alone, and takes schemas by $schema, by name or by reference', async function () {
    const files: Record<string, string> = {
      [`${folder}/tsconfig.json`]: '{"$schema": "https://json.schemastore.org/tsconfig", "compilerOptions": {}}',
      [`${folder}/x.json`]: '{"$schema": "nonsense", "type": "object"}',
      [`${folder}/avro.tmLanguage.json`]: '{"$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json", "name": "Avro"}',
      [`${folder}/https.json`]: '{"$schema": "https://json-schema.org/draft-07/schema#", "type": "object"}',
      [`${folder}/named.schema.yaml`]: 'type: object\n',
      [`${folder}/used.json`]: '{"$schema": "https://json.schemastore.org/tsconfig", "type": "object"}',
      [`${folder}/asyncapi.yaml`]: "asyncapi: 3.0.0\ninfo: { title: T, version: 1.0.0 }\ncomponents:\n  messages:\n    M:\n      payload:\n        $ref: './used.json'\n",
    };
    const engine = new Engine(new MemoryHost(files), { ...DEFAULT_SETTINGS, workspaceFolders: [folder] });
    for (const uri of Object.keys(files)) await engine.indexFile(uri);
    const relevant: string[] = [];
    for (const uri of Object.keys(files)) if (await engine.isRelevant(uri)) relevant.push(uri.slice(folder.length + 1));
    assert.deepEqual(relevant.sort(), ['asyncapi.yaml', 'https.json', 'named.schema.yaml', 'used.json']);
    assert.deepEqual(kindOf('tsconfig.json', files[`${folder}/tsconfig.json`]!), { kind: 'other' });
    assert.deepEqual(kindOf('https.json', files[`${folder}/https.json`]!), { kind: 'json-schema', dialect: 'draft-07' });
  });

  it('checks a schema whose $schema it does not know as draft-07 and says so, instead of failing', async function () {
    const files: Record<string, string> = {
      [`${folder}/number.schema.yaml`]: '$schema: 42\ntype: object\n',
      [`${folder}/nonsense.schema.json`]: '{"$schema": "nonsense", "type": "object", "properties": {"a": {"type": "nope"}}}',
      [`${folder}/https.schema.json`]: '{"$schema": "https://json-schema.org/draft-07/schema", "type": "object", "properties": {"a": {"type": "nope"}}}',
    };
    const engine = new Engine(new MemoryHost(files), { ...DEFAULT_SETTINGS, workspaceFolders: [folder] });
    const found = async (name: string) => {
      const uri = `${folder}/${name}`;
      const result = await engine.checkFast(uri);
      return (result.findings.get(uri) ?? []).map((finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.severity} ${finding.ruleId} ${finding.message}`);
    };
    const unknown = (value: string) => `warning json-schema-invalid $schema ${value} names no JSON Schema dialect event-design knows (draft-04, draft-06, draft-07, 2019-09, 2020-12), so this schema is checked as draft-07`;
    assert.deepEqual(await found('number.schema.yaml'), [`1:10 ${unknown('42')}`]);
    const nonsense = await found('nonsense.schema.json');
    assert.equal(nonsense[0], `1:13 ${unknown('"nonsense"')}`);
    assert.match(nonsense[1]!, /^1:\d+ error json-schema-invalid "type" must be one of/);
    assert.equal(nonsense.length, 2);
    // A known meta-schema under another spelling is validated against it, with no warning.
    const https = await found('https.schema.json');
    assert.equal(https.length, 1);
    assert.match(https[0]!, /error json-schema-invalid "type" must be one of/);
  });
});
