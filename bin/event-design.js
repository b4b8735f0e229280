#!/usr/bin/env node
// The `event-design` command (package.json's bin): runs the CLI bundle the build writes to
// dist/cli/. It is a committed, executable file so that the command exists before the first build
// and still runs after dist/ is rebuilt (a freshly written bundle is not executable).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli', 'event-design.js');
if (fs.existsSync(bundle)) {
  require(bundle).runCommandLine();
} else {
  process.stderr.write(`event-design: the CLI is not built yet (there is no ${bundle}).\nBuild it once: cd ${root} && npm run build\n`);
  process.exitCode = 2;
}
