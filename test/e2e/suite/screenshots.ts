import * as fs from 'node:fs';
import * as path from 'node:path';
import { WAIT_MS } from './waiting';

/** Where the suites' screenshots go (out/ of the repository; the suites run from out/test/e2e/suite). */
export const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', 'screenshots');

/**
 * A screenshot of the whole window: the runner (tools/vscode-web/run.mjs) takes it when the suite
 * logs the request, and the file appears once written.
 */
export async function screenshot(name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, name);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.rmSync(file, { force: true });
  const watcher = fs.watch(SCREENSHOTS);
  try {
    const written = new Promise<void>((resolve) => watcher.on('change', () => fs.existsSync(file) && resolve()));
    console.log(`[vscode-web:screenshot] ${file}`);
    await Promise.race([written, new Promise((_, reject) => setTimeout(() => reject(new Error(`no screenshot ${file}: is the suite running under tools/vscode-web/run.mjs?`)), WAIT_MS))]);
  } finally {
    watcher.close();
  }
  return file;
}
