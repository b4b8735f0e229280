// End-to-end: cross-service contracts in a real VS Code. Two services are written to disk in the
// workspace (a producer that no longer sends "total", a consumer that requires it); neither is
// opened, yet both show the mismatch at their message, the event-flow graph marks both services
// and the channel between them, and the consumer's quick fix clears both. Every wait is on an event.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EventDesignApi } from '../../../client/src/extension';
import type { EventFlowHandle } from '../../../client/src/graph/eventFlowPanel';
import { waitFor, withDeadline } from './waiting';
import { revertAndCloseEditors } from './editors';

/**
 * The two documents go in the workspace's top folder, which the file watcher has watched from the
 * start: code-server's watcher here (Node's recursive fs.watch) can miss files written at once
 * into a folder that was just created.
 */
const PRODUCER_FILE = 'e2e-contracts-cart.asyncapi.yaml';
const CONSUMER_FILE = 'e2e-contracts-invoicing.asyncapi.yaml';

// The names are this suite's own, so that nothing in examples/ shares the channel or the message.
const PRODUCER = `asyncapi: 3.0.0
info:
  title: Cart Service
  version: 2.0.0
channels:
  checkedOut:
    address: e2e-contracts.cart.checked-out
    messages:
      CartCheckedOut:
        $ref: '#/components/messages/CartCheckedOut'
operations:
  sendCartCheckedOut:
    action: send
    channel:
      $ref: '#/channels/checkedOut'
components:
  messages:
    CartCheckedOut:
      name: CartCheckedOut
      payload:
        type: object
        additionalProperties: false
        required: [cartId]
        properties:
          cartId: { type: string }
`;

const CONSUMER = `asyncapi: 2.6.0
info:
  title: Invoicing Service
  version: 1.0.0
channels:
  e2e-contracts.cart.checked-out:
    publish:
      operationId: onCartCheckedOut
      message:
        name: CartCheckedOut
        payload:
          type: object
          required:
            - cartId
            - total
          properties:
            cartId: { type: string }
            total: { type: number }
`;

function ruleOf(diagnostic: vscode.Diagnostic) {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

function findingsOf(uri: vscode.Uri, rule: string) {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'event-design' && ruleOf(diagnostic) === rule);
}

function describeDiagnostics(...uris: vscode.Uri[]) {
  return JSON.stringify(uris.map((uri) => vscode.languages.getDiagnostics(uri).map((diagnostic) => `${diagnostic.range.start.line + 1} ${ruleOf(diagnostic)}: ${diagnostic.message}`)));
}

describe('Cross-service contracts in a real VS Code', () => {
  let producer: vscode.Uri;
  let consumer: vscode.Uri;
  let handle: EventFlowHandle | undefined;

  before(async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the suite needs a workspace folder');
    const api = await withDeadline(vscode.extensions.getExtension<EventDesignApi>('event-design.event-design')!.activate(), 'the extension to activate');
    await withDeadline(api.ready, 'the language server');
    producer = vscode.Uri.file(path.join(root, PRODUCER_FILE));
    consumer = vscode.Uri.file(path.join(root, CONSUMER_FILE));
    // Written to disk, not opened: the server learns of them from the file watcher.
    await vscode.workspace.fs.writeFile(producer, Buffer.from(PRODUCER));
    await vscode.workspace.fs.writeFile(consumer, Buffer.from(CONSUMER));
  });

  after(async () => {
    handle?.panel.dispose();
    await revertAndCloseEditors((document) => [producer.toString(), consumer.toString()].includes(document.uri.toString()));
    for (const uri of [producer, consumer]) fs.rmSync(uri.fsPath, { force: true });
  });

  it('shows the mismatch in both documents, at their message, without opening them', async () => {
    const [error] = await waitFor('the consumer to be told it cannot read what the producer sends', () => {
      const found = findingsOf(consumer, 'contract-incompatible');
      return found.length > 0 ? found : undefined;
    }, { describe: () => describeDiagnostics(consumer, producer) });
    assert.equal(error!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(error!.message, /^Cart Service \(e2e-contracts-cart\.asyncapi\.yaml\) sends "CartCheckedOut" in a form this service cannot read\..*"total"/s);
    assert.equal(error!.range.start.line + 1, 9, `at the consumer's message (line 9: "message:"), not ${error!.range.start.line + 1}`);
    const related = error!.relatedInformation ?? [];
    assert.ok(related.some((information) => information.location.uri.toString() === producer.toString()), `related information points at the producer: ${JSON.stringify(related.map((information) => information.location.uri.toString()))}`);

    const [info] = await waitFor('the producer to be told which consumer disagrees', () => {
      const found = findingsOf(producer, 'contract-consumer-incompatible');
      return found.length > 0 ? found : undefined;
    }, { describe: () => describeDiagnostics(producer) });
    assert.equal(info!.severity, vscode.DiagnosticSeverity.Information);
    assert.match(info!.message, /^Invoicing Service \(e2e-contracts-invoicing\.asyncapi\.yaml\) cannot read "CartCheckedOut"/);
    assert.equal(info!.range.start.line + 1, 9, `at the producer's message (line 9: "CartCheckedOut:"), not ${info!.range.start.line + 1}`);
  });

  it('marks both services and the channel between them in the event-flow graph', async () => {
    handle = await vscode.commands.executeCommand<EventFlowHandle>('eventDesign.showEventFlow');
    assert.ok(handle, 'the command returns the panel handle');
    const current = handle;
    const wanted = () => {
      const model = current.currentGraph?.model;
      const cart = model?.services.find((service) => service.uri === producer.toString());
      const invoicing = model?.services.find((service) => service.uri === consumer.toString());
      const channel = model?.channels.find((candidate) => candidate.address === 'e2e-contracts.cart.checked-out');
      if (!cart || !invoicing || !channel) return undefined;
      return current.currentGraph!.view.nodes.filter((node) => [cart.id, invoicing.id, channel.id].includes(node.refId)).map((node) => node.id);
    };
    const marked = await waitFor(
      'the graph to mark the producer, the consumer and their channel',
      () => {
        const ids = wanted();
        return ids?.length === 3 && ids.every((id) => current.lastRender?.highlighted.includes(id)) ? ids : undefined;
      },
      { events: [current.onDidRender], describe: () => `wanted ${JSON.stringify(wanted())}, drawn ${JSON.stringify(current.lastRender)}` },
    );
    assert.equal(marked.length, 3);
  });

  it('relaxes the consumer with its quick fix, and the mismatch goes from both documents', async () => {
    // Code actions are asked of an open document.
    const document = await vscode.workspace.openTextDocument(consumer);
    await vscode.window.showTextDocument(document);
    const [error] = findingsOf(consumer, 'contract-incompatible');
    assert.ok(error, describeDiagnostics(consumer));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', consumer, error.range, vscode.CodeActionKind.QuickFix.value);
    const relax = actions.find((action) => action.title === 'Make "total" optional here');
    assert.ok(relax?.edit, actions.map((action) => action.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(relax.edit));
    assert.doesNotMatch(document.getText(), /- total/);
    await waitFor('the mismatch to go from both documents', () => (findingsOf(consumer, 'contract-incompatible').length === 0 && findingsOf(producer, 'contract-consumer-incompatible').length === 0 ? true : undefined), {
      describe: () => describeDiagnostics(consumer, producer),
    });
  });
});
