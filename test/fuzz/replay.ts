/**
 * One input of a fuzz finding, replayed alone in a fresh server: the check `reproduce.js` and the
 * findings' regression test share.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { LspTestClient } from '../lsp/lspClient';

export interface Probe {
  name: string;
  method: string;
  line: number;
  character: number;
  deadlineMs: number;
}

/** Why the text fails the probe, or undefined when it passes. */
export async function failureOf(text: string, probe: Probe): Promise<string | undefined> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-reproduce-'));
  const uri = URI.file(path.join(folder, probe.name)).toString();
  const client = new LspTestClient();
  try {
    await client.initialize(URI.file(folder).toString());
    const started = Date.now();
    await client.open(uri, text, /\.(json)$/.test(probe.name) ? 'json' : 'yaml');
    const within = <T>(promise: Promise<T>) => Promise.race([promise.then(() => true, () => client.alive), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), probe.deadlineMs))]);
    const params = probe.method === 'textDocument/codeAction'
      ? { textDocument: { uri }, range: { start: { line: probe.line, character: probe.character }, end: { line: probe.line, character: probe.character } }, context: { diagnostics: [] } }
      : { textDocument: { uri }, position: { line: probe.line, character: probe.character } };
    if (!(await within(client.request(probe.method, params)))) return client.alive ? `${probe.method} not answered within ${probe.deadlineMs} ms` : 'the server exited';
    if (!(await within(client.waitFor(uri, () => true, 'diagnostics', probe.deadlineMs)))) return client.alive ? `no diagnostics within ${probe.deadlineMs} ms` : 'the server exited';
    if (!client.alive) return 'the server exited';
    console.log(`  passes (${Date.now() - started} ms)`);
    return undefined;
  } finally {
    client.kill();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

