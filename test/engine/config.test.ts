import * as assert from 'node:assert/strict';
import { readConfig, severityFor, type EventDesignConfig } from '../../server/src/engine/config/config';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine/engine';
import { parseYaml } from '../../server/src/engine/text/yamlTree';
import { MemoryHost } from './support/memoryHost';

const folder = 'file:///workspace';

function configOf(text: string) {
  return readConfig(parseYaml(text), folder);
}

describe('configuration', function () {
  it('applies rule default, editor fallback, file rules and overrides in that order', function () {
    const none: EventDesignConfig = { extends: [], categories: {}, rules: {}, ruleOptions: {}, overrides: [], compatibility: { modes: [], accepted: [] } };
    assert.equal(severityFor('asyncapi-schema', `${folder}/a.yaml`, none, {}), 'error');
    assert.equal(severityFor('asyncapi-schema', `${folder}/a.yaml`, none, { 'asyncapi-schema': 'info' }), 'info', 'editor settings apply where no file governs');
    const { config, problems } = configOf(
      ['rules:', '  asyncapi-schema: warning', 'overrides:', "  - files: ['legacy/**']", '    excludedFiles: legacy/keep.yaml', '    rules: { asyncapi-schema: off }', "  - files: '*.json'", '    rules: { asyncapi-schema: hint }'].join('\n'),
    );
    assert.deepEqual(problems, []);
    assert.equal(severityFor('asyncapi-schema', `${folder}/a.yaml`, config, { 'asyncapi-schema': 'info' }), 'warning', 'the file wins over editor settings');
    assert.equal(severityFor('asyncapi-schema', `${folder}/legacy/old.yaml`, config, {}), 'off');
    assert.equal(severityFor('asyncapi-schema', `${folder}/legacy/keep.yaml`, config, {}), 'warning', 'excludedFiles are left out');
    assert.equal(severityFor('asyncapi-schema', `${folder}/deep/down/x.json`, config, {}), 'hint', 'a glob without a slash matches the base name anywhere');
    assert.equal(severityFor('remote-ref', `${folder}/legacy/old.yaml`, config, {}), 'info', 'other rules keep their defaults');
  });

  it('reports unknown keys, unknown rules (with a suggestion) and bad severities, and keeps the rest', function () {
    const { config, problems } = configOf(['rules:', '  asyncapi-shema: warning', '  ref-cycle: loud', '  remote-ref: off', 'colour: blue'].join('\n'));
    const messages = problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`);
    assert.ok(messages.includes('rules.asyncapi-shema: Unknown rule "asyncapi-shema". Did you mean "asyncapi-schema"?'), messages.join('\n'));
    assert.ok(messages.some((message) => message.startsWith('rules.ref-cycle: Must be one of: off, hint, info, warning, error')), messages.join('\n'));
    assert.ok(messages.includes('colour: Unknown key "colour" in the event-design configuration'), messages.join('\n'));
    assert.deepEqual(config.rules, { 'remote-ref': 'off' });
  });

  it('reads compatibility.protobuf: Buf\'s rules and category, FILE by default, and says what is wrong with bad values', function () {
    const read = (lines: string[]) => {
      const { config, problems } = configOf(['compatibility:', '  protobuf:', ...lines.map((line) => `    ${line}`)].join('\n'));
      return { protobuf: config.compatibility.protobuf, messages: problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`) };
    };
    assert.deepEqual(read(['rules: buf', 'bufCategory: WIRE_JSON']), { protobuf: { rules: 'buf', category: 'WIRE_JSON' }, messages: [] });
    assert.deepEqual(read(['rules: buf']), { protobuf: { rules: 'buf', category: 'FILE' }, messages: [] });
    assert.deepEqual(read(['rules: registry']), { protobuf: { rules: 'registry' }, messages: [] });
    assert.deepEqual(read(['rules: confluent']), { protobuf: undefined, messages: ['compatibility.protobuf.rules: Must be one of: registry, buf'] });
    assert.deepEqual(read(['rules: buf', 'bufCategory: wire']), { protobuf: { rules: 'buf', category: 'FILE' }, messages: ['compatibility.protobuf.bufCategory: Must be one of: FILE, PACKAGE, WIRE_JSON, WIRE'] });
    assert.deepEqual(read(['bufCategory: WIRE']), { protobuf: undefined, messages: ['compatibility.protobuf.bufCategory: bufCategory applies only with `rules: buf` (the registry\'s rules have no categories): add `rules: buf`, or remove bufCategory'] });
    assert.deepEqual(read(['rules: buf', 'category: WIRE']).messages, ['compatibility.protobuf.category: Unknown key "category" in the event-design configuration']);
  });

  it('lets the nearest .event-design.yaml govern a file, and falls back to defaults when it is broken', async function () {
    const host = new MemoryHost({
      [`${folder}/.event-design.yaml`]: 'rules:\n  asyncapi-schema: warning\n',
      [`${folder}/team/.event-design.yaml`]: 'rules: [this is not a map\n',
      [`${folder}/a.yaml`]: 'asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\noperations:\n  x: { action: go, channel: { $ref: "#/channels/c" } }\nchannels:\n  c: { address: c }\n',
      [`${folder}/team/b.yaml`]: 'asyncapi: 3.0.0\ninfo: { title: B, version: 1.0.0 }\noperations:\n  x: { action: go, channel: { $ref: "#/channels/c" } }\nchannels:\n  c: { address: c }\n',
    });
    const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [folder] });
    for (const uri of host.files.keys()) await engine.indexFile(uri);
    const severityIn = async (uri: string) => (await engine.checkFast(uri)).findings.get(uri)!.find((finding) => finding.ruleId === 'asyncapi-schema')?.severity;
    assert.equal(await severityIn(`${folder}/a.yaml`), 'warning');
    assert.equal(await severityIn(`${folder}/team/b.yaml`), 'error', 'a broken nearest file means defaults, not the parent file');
    const own = (await engine.checkFast(`${folder}/team/.event-design.yaml`)).findings.get(`${folder}/team/.event-design.yaml`)!;
    assert.ok(own.some((finding) => finding.ruleId === 'syntax'), 'the broken file shows its syntax error');
  });
});
