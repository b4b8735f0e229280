import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine/engine';
import { ruleById } from '../../server/src/engine/rules';
import { MemoryHost } from './support/memoryHost';
import { disposeParserPool, parserPool } from './support/workspaceFixture';

const uri = 'file:///remote/service.yaml';
const DOCUMENT = [
  'asyncapi: 3.0.0',
  'info: { title: Remote, version: 1.0.0 }',
  'components:',
  '  messages:',
  '    CostingRequest:',
  '      payload:',
  "        schemaFormat: 'application/vnd.apache.avro;version=1.9.0'",
  '        schema:',
  "          $ref: 'https://schemas.example.com/costing/request.avsc'",
  '',
].join('\n');

class RemoteHost extends MemoryHost {
  readonly fetched: string[] = [];
  constructor(private readonly answer: (url: string) => Promise<string>) {
    super({ [uri]: DOCUMENT });
  }
  fetchRemote = (url: string) => {
    this.fetched.push(url);
    return this.answer(url);
  };
}

async function check(host: RemoteHost, allowRemoteRefs: boolean) {
  const engine = new Engine(host, { ...DEFAULT_SETTINGS, allowRemoteRefs });
  await engine.indexFile(uri);
  const result = await engine.checkFile(uri, (snapshot) => parserPool().run(snapshot));
  return (result.findings.get(uri) ?? []).filter((finding) => ruleById(finding.ruleId)?.category !== 'discipline');
}

describe('remote references', function () {
  this.timeout(60_000);
  after(disposeParserPool);

  it('are never fetched unless allowed: one information finding instead', async function () {
    const host = new RemoteHost(async () => '{}');
    const findings = await check(host, false);
    assert.deepEqual(host.fetched, []);
    assert.deepEqual(findings.map((finding) => `${finding.severity} ${finding.ruleId} ${finding.range.start.line + 1}`), ['info remote-ref 9']);
  });

  it('are fetched through the host when allowed, and then validated', async function () {
    const host = new RemoteHost(async () => JSON.stringify({ type: 'record', name: 'CostingRequest', fields: [{ name: 'id', type: 'string' }] }));
    const findings = await check(host, true);
    assert.deepEqual(host.fetched, ['https://schemas.example.com/costing/request.avsc']);
    assert.deepEqual(findings, []);
  });

  it('report problems inside a fetched document at the reference to it', async function () {
    // AsyncAPI 2.x: the parser validates Avro payloads (asyncapi2-schemas).
    const document = ['asyncapi: 2.6.0', 'info: { title: Remote, version: 1.0.0, description: Costing }', 'servers: { kafka: { url: kafka.example.com, protocol: kafka } }', 'channels:', '  costing:', '    publish:', '      message:', "        schemaFormat: 'application/vnd.apache.avro;version=1.9.0'", '        payload:', "          $ref: 'https://schemas.example.com/costing/request.avsc'", ''].join('\n');
    const host = new RemoteHost(async () => JSON.stringify({ type: 'record', name: 'CostingRequest', fields: [{ name: 'id', type: 'strng' }] }));
    host.files.set(uri, document);
    const findings = (await check(host, true)).filter((finding) => finding.severity !== 'hint');
    assert.deepEqual(findings.map((finding) => `${finding.severity} ${finding.ruleId} ${finding.range.start.line + 1} ${finding.message}`), [
      'error asyncapi2-schemas 10 In https://schemas.example.com/costing/request.avsc: undefined type name: strng',
    ]);
  });

  it('say why, where, when they cannot be fetched', async function () {
    const host = new RemoteHost(async () => {
      throw new Error('HTTP 404');
    });
    const findings = await check(host, true);
    assert.deepEqual(findings.map((finding) => `${finding.severity} ${finding.ruleId} ${finding.range.start.line + 1} ${finding.message}`), [
      'info remote-ref 9 Could not fetch https://schemas.example.com/costing/request.avsc: HTTP 404. Its content is not checked.',
    ]);
  });
});
