// The extension-host entry of the end-to-end suite: the `run()` contract of @vscode/test-electron
// (`extensionTestsPath`), which tools/vscode-web/run.mjs implements too, so one suite serves both
// the real VS Code in code-server (the default, offline) and a downloaded desktop VS Code.
// Mocha 11 is CommonJS; this module compiles to out/test/e2e/suite/index.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000 });
  // While working on one feature: EVENT_DESIGN_E2E_GREP=contracts npm run test:e2e runs the tests whose titles match.
  const grep = process.env.EVENT_DESIGN_E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.e2e.test.js'))
    .sort();
  if (files.length === 0) throw new Error(`no *.e2e.test.js files in ${__dirname}: run \`npm run build\` first`);
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  await new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} end-to-end test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
