import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { LspTestClient } from './lspClient';

/**
 * The server's status says whether git can give compatibility baselines, so that the status bar
 * does not name a `HEAD` that a folder outside any git repository does not have.
 */
describe('the baselines in the server status', function () {
  this.timeout(120_000);
  let folder: string;
  let client: LspTestClient;

  before(async function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-no-git-'));
    fs.writeFileSync(path.join(folder, 'asyncapi.yaml'), 'asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: 1.0.0\n');
    client = new LspTestClient();
    client.watchServerRequests();
    await client.initialize(URI.file(folder).toString());
  });

  after(async function () {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('are missing in a trusted folder that is not in a git repository', async function () {
    await client.waitForServer((status) => status?.baselines === 'no-repository', 'baselines: no-repository');
  });

  it('are missing for want of trust once the workspace is not trusted', async function () {
    await client.connection.sendNotification('eventDesign/workspaceTrusted', { trusted: false });
    await client.waitForServer((status) => status?.baselines === 'untrusted', 'baselines: untrusted');
  });
});
