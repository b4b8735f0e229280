import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine/engine';
import { MemoryHost } from './support/memoryHost';

const folder = 'file:///kept-ids';
const documentUri = `${folder}/service.yaml`;
const schemaUri = `${folder}/order.schema.json`;
const DOCUMENT = `asyncapi: 3.0.0
info: { title: Kept, version: 1.0.0 }
channels:
  orders:
    messages:
      OrderPlaced:
        payload:
          $ref: 'https://schemas.example.com/order.json'
        examples:
          - payload: { orderId: 42 }
`;
const SCHEMA = JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', $id: 'https://schemas.example.com/order.json', type: 'object', properties: { orderId: { type: 'string' } } });

describe('results kept per message follow the workspace schema $ids', () => {
  it('validates an example again once a workspace file claims the $id its payload refers to', async () => {
    const host = new MemoryHost({ [documentUri]: DOCUMENT });
    const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [folder] });
    await engine.indexFile(documentUri);
    engine.setOpenDocument(documentUri, DOCUMENT, 1);
    const invalidExample = async () => ((await engine.checkFast(documentUri)).findings.get(documentUri) ?? []).filter((finding) => finding.ruleId === 'message-example-invalid');
    assert.deepEqual(await invalidExample(), [], 'nobody claims the $id yet: the payload is unknown, so the example is not judged');
    // The document is unchanged; only the workspace gains the schema that claims the $id.
    host.files.set(schemaUri, SCHEMA);
    await engine.indexFile(schemaUri);
    const found = await invalidExample();
    assert.equal(found.length, 1, 'the example is validated against the schema now found');
    assert.match(found[0]!.message, /orderId/);
  });
});
