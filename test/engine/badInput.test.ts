import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/findings/finding';
import { ruleById } from '../../server/src/engine/rules';
import { MemoryHost } from './support/memoryHost';
import { disposeParserPool, parserPool } from './support/workspaceFixture';

/**
 * Hostile or broken input: each gives a clear finding (or none), never an exception or a hang.
 * Mocha's time-out is the watchdog; no test asserts on time.
 */
const folder = 'file:///bad-input';

async function check(name: string, text: string, extra: Record<string, string> = {}): Promise<Finding[]> {
  const uri = `${folder}/${name}`;
  const host = new MemoryHost({ [uri]: text, ...extra });
  const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [folder] });
  for (const file of host.files.keys()) await engine.indexFile(file);
  const result = await engine.checkFile(uri, (snapshot) => parserPool().run(snapshot));
  // Hostile input is about the checks that read it, not about the discipline rules.
  return (result.findings.get(uri) ?? []).filter((finding) => ruleById(finding.ruleId)?.category !== 'discipline');
}

describe('bad input', function () {
  this.timeout(120_000);
  after(disposeParserPool);

  it('invalid YAML: the syntax error, nothing else', async function () {
    const findings = await check('broken.yaml', 'asyncapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: 1.0.0\n');
    assert.ok(findings.length > 0);
    assert.ok(findings.every((finding) => finding.ruleId === 'syntax'), findings.map((finding) => finding.message).join('\n'));
  });

  it('invalid JSON: the syntax error at its position', async function () {
    const findings = await check('broken.json', '{\n  "asyncapi": "3.0.0",\n  "info": {\n}\n');
    assert.ok(findings.some((finding) => finding.ruleId === 'syntax' && finding.range.start.line >= 3));
  });

  it('a YAML alias bomb is cut off with a finding, and memory stays bounded', async function () {
    const lines = ['asyncapi: 3.0.0', 'info: { title: Bomb, version: 1.0.0 }', 'x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level < 12; level++) lines.push(`x-a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
    const before = process.memoryUsage().heapUsed;
    const findings = await check('bomb.yaml', lines.join('\n') + '\n');
    assert.ok(findings.some((finding) => finding.ruleId === 'syntax' && /Aliases expand to more than/.test(finding.message)));
    assert.ok(process.memoryUsage().heapUsed - before < 512 * 1024 * 1024, 'the heap grew by less than 512 MB');
  });

  it('an alias bomb in a document that also nests 400 unclosed flow mappings is cut off as quickly', async function () {
    // Each alias used to be resolved by a walk of the whole document, costing its depth squared:
    // this 2 KB document took 40 s. The watchdog is far above the fix's time and far below that.
    this.timeout(15_000);
    const lines = ['asyncapi: 3.0.0', 'info: { title: Bomb, version: 1.0.0 }', 'x-bomb:', '  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level < 10; level++) lines.push(`  a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
    lines.push(`x-open: ${'{a:'.repeat(400)}`);
    const findings = await check('bomb-unclosed.yaml', lines.join('\n') + '\n');
    assert.ok(findings.every((finding) => finding.ruleId === 'syntax'));
    assert.ok(findings.some((finding) => /Aliases expand to more than/.test(finding.message)));
    assert.ok(findings.some((finding) => /Flow map/.test(finding.message)));
  });

  it('a 20 MB file gets the size finding only', async function () {
    const body = Array.from({ length: 220_000 }, (_, index) => `  x-filler-${index}: ${"y".repeat(80)}`).join('\n');
    const text = `asyncapi: 3.0.0\ninfo:\n  title: Huge\n  version: 1.0.0\ncomponents:\n${body}\n`;
    assert.ok(text.length > 20 * 1000 * 1000);
    const findings = await check('huge.yaml', text);
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['file-too-large']);
    assert.match(findings[0]!.message, /above the 5\.0 MB limit/);
  });

  it('a file the host says is above the limit is never read: the size finding comes from its size', async function () {
    const huge = `${folder}/sized/huge.yaml`;
    const referring = `${folder}/sized/asyncapi.yaml`;
    const host = new MemoryHost({
      [huge]: 'asyncapi: 3.0.0\n',
      [referring]: "asyncapi: 3.0.0\ninfo: { title: T, version: 1.0.0 }\ncomponents:\n  schemas:\n    Big:\n      $ref: './huge.yaml'\n",
    });
    host.fileSize = async (uri) => (uri === huge ? 20 * 1024 * 1024 : host.files.get(uri)?.length);
    const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [folder] });
    for (const uri of host.files.keys()) await engine.indexFile(uri);
    assert.ok(await engine.isRelevant(huge), 'a file too large to read is reported, whatever it is');
    const own = await engine.checkFast(huge);
    assert.deepEqual(
      own.findings.get(huge)!.map((finding) => `${finding.range.start.line}:${finding.range.start.character} ${finding.ruleId} ${finding.message.slice(0, 50)}`),
      ['0:0 file-too-large This file is 20.0 MB, above the 5.0 MB limit (maxF'],
    );
    const fromReference = await engine.checkFast(referring);
    assert.ok(fromReference.findings.get(referring)!.some((finding) => finding.ruleId === 'file-too-large' && /the file is 20\.0 MB/.test(finding.message)));
    assert.ok(!host.reads.includes(huge), 'the large file was not read');
  });

  it('a configuration that raises the limit has the file read and checked', async function () {
    const big = `${folder}/raised/big.yaml`;
    const host = new MemoryHost({
      [`${folder}/raised/.event-design.yaml`]: `maxFileSize: ${50 * 1024 * 1024}\n`,
      [big]: 'asyncapi: 3.0.0\ninfo: { title: Big, version: 1.0.0 }\n',
    });
    host.fileSize = async (uri) => (uri === big ? 20 * 1024 * 1024 : host.files.get(uri)?.length);
    const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [folder] });
    const result = await engine.checkFast(big);
    assert.ok(host.reads.includes(big));
    assert.deepEqual((result.findings.get(big) ?? []).filter((finding) => finding.ruleId === 'file-too-large'), []);
  });

  it('a 1,000-deep $ref chain resolves without running away', async function () {
    const schemas = Array.from({ length: 1000 }, (_, index) => `    S${index}:\n      $ref: '#/components/schemas/S${index + 1}'`).join('\n');
    const text = `asyncapi: 3.0.0\ninfo: { title: Chain, version: 1.0.0 }\ncomponents:\n  schemas:\n${schemas}\n    S1000:\n      type: string\n`;
    const findings = await check('chain.yaml', text);
    assert.deepEqual(findings.filter((finding) => finding.severity === 'error').map((finding) => finding.message), []);
  });

  it('a cyclic $ref across two files is reported, and validation still finishes', async function () {
    const findings = await check('cycle.yaml', "asyncapi: 3.0.0\ninfo: { title: Cycle, version: 1.0.0 }\ncomponents:\n  schemas:\n    A:\n      $ref: './other.yaml#/B'\n", {
      [`${folder}/other.yaml`]: "B:\n  $ref: './cycle.yaml#/components/schemas/A'\n",
    });
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['ref-cycle']);
  });

  it('a document nested 1,000 levels deep says so instead of overflowing the stack', async function () {
    let schema: unknown = { type: 'string' };
    for (let level = 0; level < 1000; level++) schema = { type: 'object', properties: { inner: schema } };
    const json = await check('deep.json', JSON.stringify({ asyncapi: '3.0.0', info: { title: 'Deep', version: '1.0.0' }, components: { schemas: { Deep: schema } } }));
    assert.deepEqual(json.map((finding) => finding.ruleId), ['validation-incomplete']);
    assert.match(json[0]!.message, /nests more than 256 levels deep/);
    const lines = ['asyncapi: 3.0.0', 'info: { title: Deep, version: 1.0.0 }', 'components:', '  schemas:'];
    let indent = '    ';
    for (let level = 0; level < 1200; level++) {
      lines.push(`${indent}k${level}:`);
      indent += ' ';
    }
    lines.push(`${indent}leaf: 1`);
    const yaml = await check('deep.yaml', lines.join('\n') + '\n');
    // Where the stack runs out depends on the engine's state: the parser's overflow, or our nesting guard. One finding either way.
    assert.equal(yaml.length, 1, JSON.stringify(yaml.map((finding) => `${finding.range.start.line + 1} ${finding.ruleId}: ${finding.message}`)));
    assert.match(yaml[0]!.message, /nests (too deeply|more than 256 levels)/);
  });

  it('a binary file named .yaml says it is not text', async function () {
    const findings = await check('image.yaml', 'asyncapi: 3.0.0\n\u0000\u0001\u0002PNG\u0000\u0000');
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /not text/);
  });

  it('an empty file gives nothing', async function () {
    assert.deepEqual(await check('empty.yaml', ''), []);
    assert.deepEqual(await check('empty.json', ''), []);
  });
});
