import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRepoRoot } from '../../grammar/repoRoot';

/**
 * `event-design compat` as a process: the esbuild bundle (dist/cli/event-design.js, built by
 * `node esbuild.mjs`), on files written to a temporary folder, one of them a git repository with
 * several commits for the `git:REF:PATH` form.
 */

const bundle = process.env.EVENT_DESIGN_CLI_BUNDLE ? path.resolve(process.env.EVENT_DESIGN_CLI_BUNDLE) : path.join(findRepoRoot(), 'dist', 'cli', 'event-design.js');

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function compat(args: string[], cwd: string): Promise<Result> {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, 'compat', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const ORDER_V1 = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "properties": {
    "id": { "type": "string" },
    "name": { "type": "string", "maxLength": 50 }
  },
  "required": ["id"]
}
`;

const ORDER_V2_YAML = `$schema: http://json-schema.org/draft-07/schema#
type: object
properties:
  id:
    type: string
  name:
    type: string
    maxLength: 20
  email:
    type: string
required: [id]
`;

interface JsonOutput {
  version: number;
  format: string;
  mode: string;
  policy: string;
  compatible: boolean;
  old: string;
  new: string;
  summary: { changes: number; breaking: number; warnings: number };
  changes: Array<{ kind: string; compatible: boolean; breaks?: string[]; mode?: string; message: string; old: { file: string; pointer: string; line: number; column: number }; new: { file: string; pointer: string; line: number; column: number }; advice?: string; warnings?: string[]; bufRules?: string[] }>;
  protobufRules?: string;
  bufCategory?: string;
}

describe('compatibility: event-design compat (bundled CLI)', function () {
  this.timeout(120_000);
  let folder: string;

  before(function () {
    if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run node esbuild.mjs`);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-compat-'));
    fs.writeFileSync(path.join(folder, 'order.v1.json'), ORDER_V1);
    fs.writeFileSync(path.join(folder, 'order.v2.yaml'), ORDER_V2_YAML);
  });

  after(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('JSON vs YAML, default BACKWARD: exit 1, every change with kind, pointers and 1-based positions in both files', async function () {
    const result = await compat(['order.v1.json', 'order.v2.yaml', '--format', 'json'], folder);
    assert.equal(result.status, 1, result.stderr);
    const output = JSON.parse(result.stdout) as JsonOutput;
    assert.deepEqual([output.version, output.format, output.mode, output.policy, output.compatible], [1, 'json-schema', 'BACKWARD', 'strict', false]);
    assert.deepEqual(output.summary, { changes: 2, breaking: 2, warnings: 0 });
    const maxLength = output.changes.find((change) => change.kind === 'max-length-decreased')!;
    assert.deepEqual(maxLength.old, { file: 'order.v1.json', pointer: '/properties/name/maxLength', line: 6, column: 46 });
    assert.deepEqual(maxLength.new, { file: 'order.v2.yaml', pointer: '/properties/name/maxLength', line: 8, column: 16 });
    assert.deepEqual(maxLength.breaks, ['backward']);
    assert.equal(maxLength.message, '`maxLength` decreased (50 → 20).');
    const email = output.changes.find((change) => change.kind === 'optional-property-added-to-open-content-model')!;
    assert.deepEqual(email.old, { file: 'order.v1.json', pointer: '/properties', line: 4, column: 3 }, 'an added property is located at its parent in the old version');
    assert.deepEqual(email.new, { file: 'order.v2.yaml', pointer: '/properties/email', line: 9, column: 3 });
    assert.match(email.advice ?? '', /open content model/);
  });

  it('--lenient accepts the optional property added to an open content model', async function () {
    const output = JSON.parse((await compat(['order.v1.json', 'order.v2.yaml', '--lenient', '--format=json'], folder)).stdout) as JsonOutput;
    assert.equal(output.policy, 'lenient');
    assert.deepEqual(
      output.changes.map((change) => [change.kind, change.compatible]),
      [
        ['max-length-decreased', false],
        ['optional-property-added-to-open-content-model', true],
      ],
    );
  });

  it('--mode forward, full and none', async function () {
    assert.equal((await compat(['order.v1.json', 'order.v2.yaml', '--mode', 'forward'], folder)).status, 0);
    assert.equal((await compat(['order.v1.json', 'order.v2.yaml', '--mode', 'full'], folder)).status, 1);
    assert.equal((await compat(['order.v2.yaml', 'order.v1.json', '--mode', 'backward'], folder)).status, 0, 'the reverse change is backward-compatible');
    const none = await compat(['order.v1.json', 'order.v2.yaml', '--mode', 'none', '--format', 'json'], folder);
    assert.equal(none.status, 0);
    assert.equal((JSON.parse(none.stdout) as JsonOutput).changes.length, 2, 'NONE still lists the changes');
  });

  it('stylish output: one line per change at its new position, the old position below, a summary', async function () {
    const result = await compat(['order.v1.json', 'order.v2.yaml'], folder);
    assert.equal(result.status, 1);
    assert.doesNotMatch(result.stdout, /\u001b\[/, 'no colours without a terminal');
    assert.match(result.stdout, /^order\.v1\.json → order\.v2\.yaml \(json-schema, BACKWARD, strict\)$/m);
    assert.match(result.stdout, /^ {2}8:16 +breaking +`maxLength` decreased \(50 → 20\)\. +max-length-decreased$/m);
    assert.match(result.stdout, /at \/properties\/name\/maxLength; was order\.v1\.json:6:46/);
    assert.match(result.stdout, /✖ Incompatible: 2 breaking changes, 0 warnings, 2 changes in all \(BACKWARD, strict\)/);
    const same = await compat(['order.v1.json', 'order.v1.json'], folder);
    assert.equal(same.status, 0);
    assert.match(same.stdout, /✔ No changes/);
  });

  it('Avro schemas (.avsc)', async function () {
    const record = (fields: unknown[]) => JSON.stringify({ type: 'record', name: 'Order', namespace: 'shop', fields }, null, 2);
    fs.writeFileSync(path.join(folder, 'order.v1.avsc'), record([{ name: 'id', type: 'string' }, { name: 'total', type: 'int' }]));
    fs.writeFileSync(path.join(folder, 'order.v2.avsc'), record([{ name: 'id', type: 'string' }, { name: 'total', type: 'long' }, { name: 'note', type: ['null', 'string'], default: null }]));
    const backward = await compat(['order.v1.avsc', 'order.v2.avsc', '--format', 'json'], folder);
    assert.equal(backward.status, 0, backward.stdout + backward.stderr);
    const output = JSON.parse(backward.stdout) as JsonOutput;
    assert.equal(output.format, 'avro');
    assert.deepEqual(output.changes.map((change) => change.kind).sort(), ['avro-field-added-with-default', 'avro-type-promoted']);
    assert.deepEqual(output.changes.find((change) => change.kind === 'avro-type-promoted')!.new, { file: 'order.v2.avsc', pointer: '/fields/1/type', line: 12, column: 15 });
    assert.equal((await compat(['order.v1.avsc', 'order.v2.avsc', '--mode', 'forward'], folder)).status, 1, 'old readers cannot read longs');
  });

  it('AsyncAPI documents: each message in its direction unless --mode is given', async function () {
    const document = (required: string[]) => `asyncapi: 3.0.0
info: { title: Shop, version: 1.0.0 }
channels:
  orders:
    address: orders.placed
    messages:
      OrderPlaced:
        payload: { type: object, properties: { id: { type: string } }, required: ${JSON.stringify(required)} }
operations:
  sendOrderPlaced:
    action: send
    channel: { $ref: '#/channels/orders' }
`;
    fs.writeFileSync(path.join(folder, 'api.v1.yaml'), document([]));
    fs.writeFileSync(path.join(folder, 'api.v2.yaml'), document(['id']));
    const directed = await compat(['api.v1.yaml', 'api.v2.yaml', '--format', 'json'], folder);
    assert.equal(directed.status, 0, 'a message the application sends is checked FORWARD');
    const output = JSON.parse(directed.stdout) as JsonOutput;
    assert.equal(output.mode, 'per-message');
    assert.deepEqual(output.changes.map((change) => [change.kind, change.mode, change.new.line]), [['required-added', 'FORWARD', 8]]);
    assert.equal((await compat(['api.v1.yaml', 'api.v2.yaml', '--mode', 'backward'], folder)).status, 1);
  });

  it('AsyncAPI 3.x server changes: each at its own key, in stylish output and JSON', async function () {
    const document = (host: string, protocol: string, region: string[]) => `asyncapi: 3.0.0
info: { title: Shop, version: 1.0.0 }
servers:
  prod:
    host: '${host}'
    protocol: ${protocol}
    variables:
      region:
        enum: ${JSON.stringify(region)}
        default: eu
channels: {}
`;
    fs.writeFileSync(path.join(folder, 'servers.v1.yaml'), document('{region}.kafka.example.com', 'kafka', ['eu', 'us']));
    fs.writeFileSync(path.join(folder, 'servers.v2.yaml'), document('{region}.mq.example.com', 'kafka', ['eu']));
    const json = await compat(['servers.v1.yaml', 'servers.v2.yaml', '--format', 'json'], folder);
    assert.equal(json.status, 1, json.stderr);
    const output = JSON.parse(json.stdout) as JsonOutput;
    assert.deepEqual(
      output.changes.map((change) => [change.kind, change.new.pointer, change.new.line, change.new.column]),
      [
        ['server-host-changed', '/servers/prod/host', 5, 11],
        ['server-variable-enum-narrowed', '/servers/prod/variables/region/enum', 9, 9],
      ],
    );
    assert.match(output.changes[0]!.message, /^"prod": A server's `host` changed .*\(\{region\}\.kafka\.example\.com → \{region\}\.mq\.example\.com\)\.$/);
    const stylish = await compat(['servers.v1.yaml', 'servers.v2.yaml'], folder);
    assert.match(stylish.stdout, / 5:11 +breaking +"prod": A server's `host` changed.*server-host-changed\n +at \/servers\/prod\/host; was servers\.v1\.yaml:5:11\n/);
  });

  describe('Protobuf', function () {
    const V1 = 'syntax = "proto3";\npackage shop;\n\nmessage Order {\n  string id = 1;\n  string note = 2;\n  int32 qty = 3;\n}\n';
    const V2 = 'syntax = "proto3";\npackage shop;\n\nmessage Order {\n  string id = 1;\n  string qty = 3;\n}\n';
    before(function () {
      fs.writeFileSync(path.join(folder, 'order.v1.proto'), V1);
      fs.writeFileSync(path.join(folder, 'order.v2.proto'), V2);
    });

    it('two .proto files: a verdict, each change with its kind, its place and the registry\'s reason', async function () {
      const result = await compat(['order.v1.proto', 'order.v2.proto', '--format', 'json'], folder);
      assert.equal(result.status, 1, result.stderr);
      const output = JSON.parse(result.stdout) as JsonOutput;
      assert.deepEqual([output.format, output.mode, output.compatible], ['protobuf', 'BACKWARD', false]);
      assert.deepEqual(
        output.changes.map((change) => [change.kind, change.compatible, change.old.pointer, change.old.line, change.old.column, change.new.pointer, change.new.line, change.new.column]),
        [
          ['protobuf-field-removed', true, '/Order/note', 6, 3, '/Order', 4, 9],
          ['protobuf-field-scalar-type-changed', false, '/Order/qty', 7, 3, '/Order/qty', 6, 3],
        ],
      );
      assert.match(output.changes[0]!.warnings?.[0] ?? '', /Reserve them/);
    });

    it('stylish, and every mode', async function () {
      const stylish = await compat(['order.v1.proto', 'order.v2.proto', '--no-color'], folder);
      assert.match(stylish.stdout, / 6:3 +breaking +"qty": A field's scalar type changed .*\(int32 → string\).*protobuf-field-scalar-type-changed\n +at \/Order\/qty; was order\.v1\.proto:7:3\n/);
      for (const mode of ['forward', 'full']) assert.equal((await compat(['order.v1.proto', 'order.v2.proto', '--mode', mode], folder)).status, 1, mode);
      assert.equal((await compat(['order.v1.proto', 'order.v2.proto', '--mode', 'none'], folder)).status, 0);
      const added = V1.replace('}\n', '  string email = 4;\n}\n');
      fs.writeFileSync(path.join(folder, 'order.v3.proto'), added);
      for (const mode of ['backward', 'forward', 'full']) assert.equal((await compat(['order.v1.proto', 'order.v3.proto', '--mode', mode], folder)).status, 0, mode);
    });

    it('--protobuf-rules buf --buf-category: Buf\'s rules name each break, in every mode; WIRE accepts what reserves the number', async function () {
      const result = await compat(['order.v1.proto', 'order.v2.proto', '--protobuf-rules', 'buf', '--buf-category', 'wire_json', '--format', 'json'], folder);
      assert.equal(result.status, 1, result.stderr);
      const output = JSON.parse(result.stdout) as JsonOutput;
      assert.deepEqual([output.protobufRules, output.bufCategory], ['buf', 'WIRE_JSON']);
      assert.deepEqual(
        output.changes.map((change) => [change.kind, change.compatible, change.bufRules]),
        [
          ['protobuf-field-removed', false, ['FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED', 'FIELD_NO_DELETE_UNLESS_NAME_RESERVED']],
          ['protobuf-field-scalar-type-changed', false, ['FIELD_WIRE_JSON_COMPATIBLE_TYPE']],
        ],
      );
      const stylish = await compat(['order.v1.proto', 'order.v2.proto', '--protobuf-rules', 'buf', '--mode', 'forward', '--no-color'], folder);
      assert.equal(stylish.status, 1);
      assert.match(stylish.stdout, /\(protobuf, FORWARD, Buf FILE, strict\)/);
      assert.match(stylish.stdout, /Breaks Buf's FIELD_NO_DELETE \(category FILE, which protects generated code/);
      const reserved = V1.replace('  string note = 2;\n', '  reserved 2;\n');
      fs.writeFileSync(path.join(folder, 'order.reserved.proto'), reserved);
      assert.equal((await compat(['order.v1.proto', 'order.reserved.proto', '--protobuf-rules', 'buf', '--buf-category', 'WIRE'], folder)).status, 0);
      assert.equal((await compat(['order.v1.proto', 'order.reserved.proto', '--protobuf-rules', 'buf', '--buf-category', 'WIRE_JSON'], folder)).status, 1);
      assert.equal((await compat(['order.v1.proto', 'order.reserved.proto', '--protobuf-rules', 'buf', '--mode', 'none'], folder)).status, 0);
    });

    it('--buf-category without --protobuf-rules buf, or an unknown category, is a usage error', async function () {
      const alone = await compat(['order.v1.proto', 'order.v2.proto', '--buf-category', 'WIRE'], folder);
      assert.equal(alone.status, 2);
      assert.match(alone.stderr, /--buf-category applies only with --protobuf-rules buf/);
      const unknown = await compat(['order.v1.proto', 'order.v2.proto', '--protobuf-rules', 'buf', '--buf-category', 'BYTES'], folder);
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /--buf-category must be one of FILE, PACKAGE, WIRE_JSON, WIRE, not "BYTES"/);
      assert.equal((await compat(['order.v1.proto', 'order.v2.proto', '--protobuf-rules', 'confluent'], folder)).status, 2);
    });

    it('git:REF:PATH, with imports read at the same revision', async function () {
      const repository = path.join(folder, 'proto-repo');
      fs.mkdirSync(path.join(repository, 'shop'), { recursive: true });
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repository, stdio: 'pipe' });
      git('init', '-q');
      fs.writeFileSync(path.join(repository, 'shop', 'money.proto'), 'syntax = "proto3";\npackage shop;\nmessage Money { int64 units = 1; }\nmessage Price { int64 cents = 1; }\n');
      fs.writeFileSync(path.join(repository, 'shop', 'order.proto'), 'syntax = "proto3";\npackage shop;\nimport "shop/money.proto";\nmessage Order { Money total = 1; }\n');
      git('add', '.');
      git('commit', '-q', '-m', 'v1');
      fs.writeFileSync(path.join(repository, 'shop', 'order.proto'), 'syntax = "proto3";\npackage shop;\nimport "shop/money.proto";\nmessage Order { Price total = 1; }\n');
      const result = await compat(['git:HEAD:shop/order.proto', 'shop/order.proto', '--format', 'json'], repository);
      assert.equal(result.status, 1, result.stderr);
      const output = JSON.parse(result.stdout) as JsonOutput;
      assert.deepEqual(output.changes.map((change) => [change.kind, change.old.file, change.new.file]), [['protobuf-field-named-type-changed', 'git:HEAD:shop/order.proto', path.join('shop', 'order.proto')]]);
    });
  });

  describe('git:REF:PATH', function () {
    let repository: string;
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repository, stdio: 'pipe' });

    before(function () {
      repository = path.join(folder, 'repo');
      fs.mkdirSync(path.join(repository, 'schemas'), { recursive: true });
      git('init', '-q');
      const write = (file: string, value: unknown) => fs.writeFileSync(path.join(repository, file), JSON.stringify(value, null, 2) + '\n');
      write('schemas/order.json', { type: 'object', properties: { id: { $ref: 'common.json#/definitions/Id' }, status: { enum: ['NEW', 'PAID'] } } });
      write('schemas/common.json', { definitions: { Id: { type: 'string', maxLength: 36 } } });
      git('add', '.');
      git('commit', '-q', '-m', 'v1');
      write('schemas/order.json', { type: 'object', properties: { id: { $ref: 'common.json#/definitions/Id' }, status: { enum: ['NEW', 'PAID', 'SHIPPED'] } } });
      git('commit', '-q', '-am', 'v2: a status');
      write('schemas/common.json', { definitions: { Id: { type: 'string', maxLength: 20 } } });
    });

    it('compares a committed version with the working tree, following $refs in each version', async function () {
      const result = await compat(['git:HEAD:schemas/order.json', 'schemas/order.json', '--format', 'json'], repository);
      assert.equal(result.status, 1, result.stderr);
      const output = JSON.parse(result.stdout) as JsonOutput;
      assert.equal(output.old, 'git:HEAD:schemas/order.json');
      assert.deepEqual(output.changes.map((change) => [change.kind, change.old.file, change.old.pointer, change.new.file, change.new.line]), [['max-length-decreased', 'git:HEAD:schemas/common.json', '/definitions/Id/maxLength', path.join('schemas', 'common.json'), 5]]);
    });

    it('compares two revisions', async function () {
      const result = await compat(['git:HEAD~1:schemas/order.json', 'git:HEAD:schemas/order.json', '--format', 'json'], repository);
      assert.equal(result.status, 0, result.stderr);
      const output = JSON.parse(result.stdout) as JsonOutput;
      assert.deepEqual(output.changes.map((change) => [change.kind, change.new.file, change.new.pointer]), [['enum-extended', 'git:HEAD:schemas/order.json', '/properties/status/enum']]);
      assert.equal((await compat(['git:HEAD~1:schemas/order.json', 'git:HEAD:schemas/order.json', '--mode', 'forward'], repository)).status, 1);
    });

    it('paths are relative to the current folder, also for git', async function () {
      const result = await compat(['git:HEAD:order.json', 'order.json', '--format', 'json'], path.join(repository, 'schemas'));
      assert.equal(result.status, 1, result.stderr);
    });

    it('a revision git does not have is exit 2 with how to fetch it', async function () {
      const result = await compat(['git:no-such-branch:schemas/order.json', 'schemas/order.json'], repository);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /git has no revision "no-such-branch" \(a shallow clone may need: git fetch origin no-such-branch\)/);
      assert.equal(result.stdout, '');
    });

    it('a path the revision does not have is exit 2', async function () {
      const result = await compat(['git:HEAD~1:schemas/missing.json', 'schemas/order.json'], repository);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /schemas\/missing\.json does not exist at HEAD~1/);
    });

    it('outside a git repository is exit 2', async function () {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-nogit-'));
      try {
        fs.writeFileSync(path.join(outside, 'a.json'), '{}');
        const result = await compat(['git:HEAD:a.json', 'a.json'], outside);
        assert.equal(result.status, 2);
        assert.match(result.stderr, /not inside a git repository/);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  describe('errors are exit 2', function () {
    it('a file that does not exist', async function () {
      const result = await compat(['order.v1.json', 'missing.json'], folder);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /No such file: missing\.json/);
    });
    it('a file that does not parse, with its position', async function () {
      fs.writeFileSync(path.join(folder, 'broken.json'), '{\n  "type": "object",,\n}\n');
      const result = await compat(['order.v1.json', 'broken.json'], folder);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /broken\.json:2:\d+: /);
    });
    it('two kinds of schema', async function () {
      const result = await compat(['order.v1.json', 'order.v1.avsc'], folder);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /is a JSON Schema and order\.v1\.avsc is an Avro schema/);
    });
    it('a file that is no schema compat knows: never a verdict (a pass would be false)', async function () {
      fs.writeFileSync(path.join(folder, 'compose.v1.yaml'), 'services:\n  web:\n    image: nginx:1\n');
      fs.writeFileSync(path.join(folder, 'compose.v2.yaml'), 'services:\n  web:\n    image: nginx:2\n');
      fs.writeFileSync(path.join(folder, 'notes.txt'), 'Orders are placed, then paid.\n');
      for (const [old, changed, named] of [['compose.v1.yaml', 'compose.v2.yaml', 'compose.v1.yaml'], ['order.v1.json', 'notes.txt', 'notes.txt']]) {
        const result = await compat([old!, changed!], folder);
        assert.equal(result.status, 2, `${old} ${changed}: ${result.stdout}`);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, new RegExp(`${named!.replace('.', '\\.')} is not a JSON Schema, an Avro schema, a Protobuf file \\(\\.proto\\) or an AsyncAPI document`));
      }
    });
    it('a Protobuf file against a JSON Schema: exit 2, never a verdict', async function () {
      fs.writeFileSync(path.join(folder, 'order.v1.proto'), 'syntax = "proto3";\nmessage Order { string id = 1; }\n');
      for (const args of [['order.v1.proto', 'order.v1.json'], ['order.v1.json', 'order.v1.proto']]) {
        const result = await compat(args, folder);
        assert.equal(result.status, 2, args.join(' '));
        assert.equal(result.stdout, '');
        assert.match(result.stderr, /order\.v1\.proto is a Protobuf file and order\.v1\.json is not/);
      }
    });
    it('a .proto file with a syntax error: exit 2 with its position', async function () {
      fs.writeFileSync(path.join(folder, 'broken.proto'), 'syntax = "proto3";\nmessage Order { string id = ; }\n');
      const result = await compat(['order.v1.proto', 'broken.proto'], folder);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /broken\.proto:2:\d+: /);
    });
    it('usage: one file, an unknown mode, an unknown option, a malformed git spec', async function () {
      for (const args of [['order.v1.json'], ['order.v1.json', 'order.v2.yaml', '--mode', 'sideways'], ['order.v1.json', 'order.v2.yaml', '--strict'], ['git:HEAD', 'order.v1.json']]) {
        const result = await compat(args, folder);
        assert.equal(result.status, 2, args.join(' '));
        assert.match(result.stderr, /Run "event-design --help" for usage/);
      }
    });
    it('--help is exit 0', async function () {
      const result = await compat(['--help'], folder);
      assert.equal(result.status, 0);
      assert.match(result.stdout, /event-design compat OLD NEW/);
    });
  });
});
