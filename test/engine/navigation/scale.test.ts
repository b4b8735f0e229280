import * as assert from 'node:assert/strict';
import type { Position } from 'vscode-languageserver-types';
import { completeAt } from '../../../server/src/engine/navigation/completion';
import { documentSymbols } from '../../../server/src/engine/navigation/documentSymbols';
import { flowLensPlaces, resolveFlowLens } from '../../../server/src/engine/navigation/flowLenses';
import { hoverAt } from '../../../server/src/engine/navigation/hover';
import { findReferences } from '../../../server/src/engine/navigation/references';
import { renameEdits } from '../../../server/src/engine/navigation/rename';
import { semanticTokens } from '../../../server/src/engine/navigation/semanticTokens';
import { workspaceSymbols } from '../../../server/src/engine/navigation/workspaceSymbols';
import { syntheticAsyncApi } from '../../support/syntheticAsyncApi';
import { navigationWorkspace, type NavigationWorkspace } from './navigationHarness';

/**
 * Every feature on a 1,000-channel document gives complete answers (speed is measured in the
 * benchmarks, never asserted here): the wide mappings go through the same code as small ones.
 */
describe('navigation: a 1,000-channel document', function () {
  this.timeout(120_000);
  let workspace: NavigationWorkspace;
  const file = 'big.yaml';
  const uri = () => workspace.uri(file);
  const at = (needle: string, offset: number): Position => workspace.find(file, needle, offset);

  before(async function () {
    workspace = await navigationWorkspace({ [file]: syntheticAsyncApi(1000) });
    workspace.engine.setOpenDocument(uri(), workspace.text(file), 1);
  });

  it('outlines every channel, operation, message and schema', async function () {
    const symbols = await documentSymbols(workspace.engine, uri());
    const section = (name: string) => symbols.find((symbol) => symbol.name === name)?.children ?? [];
    assert.equal(section('channels').length, 1000);
    assert.equal(section('operations').length, 2000);
    const components = section('components');
    assert.deepEqual(components.map((group) => [group.name, group.children?.length]), [['messages', 1000], ['schemas', 1001]]);
  });

  it('counts producers and consumers for each of the 2,000 lenses', async function () {
    const places = await flowLensPlaces(workspace.engine, uri());
    assert.equal(places.length, 2000);
    for (const place of [places[0]!, places[999]!, places[1000]!, places[1999]!]) {
      assert.equal((await resolveFlowLens(workspace.engine, uri(), place.element, place.path))?.title, '1 producer · 1 consumer', place.path.join('.'));
    }
  });

  it('finds the thousand references of a shared schema, and renames them', async function () {
    const money = at('    Money:\n', 5);
    assert.equal((await findReferences(workspace.engine, uri(), money, false)).length, 1000);
    const rename = await renameEdits(workspace.engine, uri(), money, 'Amount');
    assert.ok('edits' in rename);
    assert.equal(rename.edits.get(uri())?.length, 1001);
  });

  it('completes, hovers and colours as on a small document', async function () {
    const list = await completeAt(workspace.engine, uri(), at("      - $ref: '#/channels/entity0500Updated/messages/entity0500Updated'", 20));
    assert.deepEqual(list.items.map((item) => item.label), ['#/channels/entity0500Updated/messages/entity0500Updated']);
    const hover = await hoverAt(workspace.engine, uri(), at('  entity0500Updated:\n    address', 4));
    assert.match((hover?.contents as { value: string }).value, /1 producer · 1 consumer/);
    assert.equal((await semanticTokens(workspace.engine, uri())).length / 5, 15002);
    const names = new Set((await workspaceSymbols(workspace.engine, 'entity0500updated')).map((symbol) => symbol.name));
    for (const name of ['entity0500Updated', 'commerce.entity0500.{entity0500Id}.updated', 'publishEntity0500Updated', 'consumeEntity0500Updated', 'Entity0500Updated', 'Entity0500UpdatedPayload']) assert.ok(names.has(name), name);
  });
});
