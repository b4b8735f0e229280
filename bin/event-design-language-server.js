#!/usr/bin/env node
// The `event-design-language-server` command (package.json's bin): the language server for editors
// other than VS Code (`--stdio`, docs/editors.md). It runs the server bundle the build writes to
// dist/server/, as bin/event-design.js runs the CLI's, and is committed and executable for the
// same reasons.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'dist', 'server', 'server.js');
if (fs.existsSync(bundle)) {
  require(bundle);
} else {
  process.stderr.write(`event-design-language-server: the server is not built yet (there is no ${bundle}).\nBuild it once: cd ${root} && npm run build\n`);
  process.exitCode = 2;
}
