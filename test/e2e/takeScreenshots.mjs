#!/usr/bin/env node
// Regenerates the README screenshots in a real VS Code (code-server + headless Chromium, through
// tools/vscode-web/run.mjs open --screenshot):
//
//   npm run build && node test/e2e/takeScreenshots.mjs
//
// docs/images/diagnostics-dark.png  (Default Dark Modern)
// docs/images/diagnostics-light.png (Default Light Modern)
//
// Each shows examples/legacy/inventory-sync.yaml at its one intended error (line 48, `action:
// publish`): the squiggle, the keyboard hover with the message and the rule link, the Problems
// panel, and the status bar item at rest (check mark). Every step waits for a selector, never for
// a fixed time.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUN_MJS = path.join(REPO, 'tools', 'vscode-web', 'run.mjs');
const SHOTS = [
  { file: 'docs/images/diagnostics-dark.png', theme: 'Default Dark Modern' },
  { file: 'docs/images/diagnostics-light.png', theme: 'Default Light Modern' },
];

if (!existsSync(path.join(REPO, 'dist', 'client', 'extension.js')) || !existsSync(path.join(REPO, 'dist', 'server', 'server.js'))) {
  console.error('[screenshots] not built. Run: npm run build');
  process.exit(1);
}
const install = spawnSync('bash', [path.join(REPO, 'tools', 'vscode-web', 'install.sh')], { cwd: REPO, stdio: 'inherit' });
if (install.status !== 0) process.exit(1);

// A copy, named examples/ like the original, so the window shows the same folder name.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'event-design-shots-'));
const workspace = path.join(tmp, 'examples');
cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
let failed = 0;
try {
  for (const { file, theme } of SHOTS) {
    const result = spawnSync(process.execPath, [
      RUN_MJS, 'open', '--extension', REPO, '--workspace', workspace,
      '--screenshot', path.join(REPO, file), '--theme', theme,
      // The sticky scroll header would cover the top lines of the editor.
      '--setting', 'editor.stickyScroll.enabled=false',
      // No fade-in: the hover is captured fully drawn (run.mjs waits two animation frames only).
      '--setting', 'workbench.reduceMotion=on',
      '--open-file', 'legacy/inventory-sync.yaml:48:13',
      '--wait-for-selector', '.squiggly-error',
      // The status bar item shows the check mark once the server has nothing left to validate.
      '--wait-for-selector', '[id="event-design.event-design.eventDesign.status"] .codicon-check',
      '--press', 'Control+Shift+M', '--wait-for-selector', '.markers-panel',
      '--press', 'Control+K Control+I', '--wait-for-selector', '.monaco-hover',
    ], { cwd: REPO, stdio: 'inherit' });
    if (result.status !== 0) failed++;
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
