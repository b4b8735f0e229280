import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type { IGrammar } from 'vscode-textmate';
import { fromRepoRoot } from './repoRoot';
import { type Token, createRegistry, loadGrammar, tokenizeLine } from './textmate';

const GRAMMAR_PATH = fromRepoRoot('syntaxes', 'proto.tmLanguage.json');

function assertScope(tokens: readonly Token[], needle: string, scope: string, nth = 0): void {
  const token = tokens.filter((candidate) => candidate.text === needle)[nth];
  assert.ok(token, `a token ${JSON.stringify(needle)} (#${nth}) in ${JSON.stringify(tokens.map((candidate) => candidate.text))}`);
  assert.ok(token.scopes.includes(scope), `${JSON.stringify(needle)} should have ${scope}, has ${token.scopes.join(' ')}`);
}

describe('Protobuf grammar (syntaxes/proto.tmLanguage.json)', () => {
  let grammar: IGrammar;
  const line = (text: string) => tokenizeLine(grammar, text);

  before(async () => {
    const registry = await createRegistry({ grammars: { 'source.proto': GRAMMAR_PATH } });
    grammar = await loadGrammar(registry, 'source.proto');
  });

  it('is the source.proto grammar of the proto3 language, for .proto files', () => {
    const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as { scopeName: string; fileTypes: string[] };
    assert.equal(raw.scopeName, 'source.proto');
    assert.deepEqual(raw.fileTypes, ['proto']);
    const manifest = JSON.parse(fs.readFileSync(fromRepoRoot('package.json'), 'utf8')) as { contributes: { grammars: Array<{ language?: string; path: string }>; languages: Array<{ id: string; extensions?: string[] }> } };
    assert.deepEqual(manifest.contributes.languages.find((language) => language.id === 'proto3')?.extensions, ['.proto']);
    assert.equal(manifest.contributes.grammars.find((entry) => entry.language === 'proto3')?.path, './syntaxes/proto.tmLanguage.json');
  });

  it('declarations: syntax, package, import, message, enum, service and rpc', () => {
    assertScope(line('syntax = "proto3";'), 'syntax', 'keyword.other.syntax.proto');
    assertScope(line('syntax = "proto3";'), 'proto3', 'string.quoted.double.proto');
    assertScope(line('package shop.v1;'), 'shop.v1', 'entity.name.namespace.proto');
    assertScope(line('import public "shop/money.proto";'), 'public', 'storage.modifier.proto');
    assertScope(line('message OrderPlaced {'), 'OrderPlaced', 'entity.name.type.message.proto');
    assertScope(line('enum Status {'), 'Status', 'entity.name.type.enum.proto');
    assertScope(line('service Orders {'), 'Orders', 'entity.name.type.service.proto');
    assertScope(line('  rpc Place(OrderPlaced) returns (OrderPlaced);'), 'Place', 'entity.name.function.rpc.proto');
  });

  it('fields: label, scalar or message type, name and number; maps; enum values', () => {
    const field = line('  repeated string tags = 4 [deprecated = true];');
    assertScope(field, 'repeated', 'storage.modifier.label.proto');
    assertScope(field, 'string', 'storage.type.scalar.proto');
    assertScope(field, 'tags', 'variable.other.field.proto');
    assertScope(field, '4', 'constant.numeric.field-number.proto');
    assertScope(field, 'true', 'constant.language.proto');
    const typed = line('  google.protobuf.Timestamp placed_at = 2;');
    assertScope(typed, 'google.protobuf.Timestamp', 'entity.name.type.proto');
    assertScope(typed, 'placed_at', 'variable.other.field.proto');
    const map = line('  map<string, Line> lines = 5;');
    assertScope(map, 'map', 'storage.type.map.proto');
    assertScope(map, 'Line', 'entity.name.type.proto');
    assertScope(map, 'lines', 'variable.other.field.proto');
    assertScope(line('  STATUS_PLACED = 1;'), 'STATUS_PLACED', 'variable.other.enummember.proto');
  });

  it('comments and reserved ranges', () => {
    assertScope(line('  // @RootNode'), ' @RootNode', 'comment.line.double-slash.proto');
    const reserved = line('  reserved 9, 12 to max;');
    assertScope(reserved, 'reserved', 'keyword.other.reserved.proto');
    assertScope(reserved, 'max', 'constant.language.proto');
  });
});
