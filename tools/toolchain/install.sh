#!/usr/bin/env bash
# Offline Terraform toolchain for ecs-platform.
#
# Builds, from the Go module proxy only (no Terraform registry, no
# releases.hashicorp.com, no GitHub downloads):
#   - the Terraform CLI (pinned release, see TF_* below)
#   - the hashicorp/aws provider, installed into a filesystem mirror
# and creates a Python virtualenv with moto[server] and checkov.
# Writes <cache>/tfrc (CLI config: filesystem mirror only, no checkpoint),
# <cache>/env.sh and <cache>/READY.
#
# Usage: tools/toolchain/install.sh [--check] [--help]
#   --check   exit 0 if everything is installed and version-correct, else 1;
#             never builds or downloads anything.
#
# Cache dir: ${ECS_TOOLCHAIN_DIR:-$HOME/.cache/ecs-platform/toolchain}
# Each step records a fingerprint (pins + Go/Python version + output checksum)
# in <cache>/state/; a step is skipped only if its fingerprint matches.
# See docs/toolchain.md for background, versions and measured build times.
set -euo pipefail
# Absolute, because the script later works inside its cache directory.
TOOLCHAIN_SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# ----------------------------------------------------------------- pins ----
# Terraform: v1.11.4 is the newest Terraform release that can be built from
# the module proxy here.  Terraform >= 1.6 keeps its state backends in nested
# Go modules that the root go.mod pulls in with local-path replaces
# (=> ./internal/backend/remote-state/s3, ...); module zips do not contain
# nested modules, so the wrapper must point each of them at a pseudo-version
# of the same commit.  The proxy serves those nested modules only at
# 35645b8fca68 (2025-04-09T13:10:05Z), which is exactly the v1.11.4 tag commit
# (v1.11.4.info has the same timestamp).  Terraform >= 1.12 additionally needs
# a nested "oci" backend module that the proxy does not serve at all.
# v1.11 has use_lockfile in the s3 backend (GA since 1.11).
TF_MODULE="github.com/hashicorp/terraform"
TF_VERSION="v1.11.4"
TF_NESTED_VERSION="v0.0.0-20250409131005-35645b8fca68"
TF_EXPECT_VERSION="Terraform v1.11.4"

# hashicorp/aws provider.  Its go.mod declares module path
# github.com/hashicorp/terraform-provider-aws (no /v6 suffix), so the v6.x.y
# tags are not valid Go module versions; the proxy only resolves pseudo-
# versions, and the proxy reachable here serves exactly one of them:
# 5f2286d6d836 (2026-06-02, CHANGELOG "6.48.0 (Unreleased)", version/VERSION
# 6.47.1).  v6.25.0's commit is NOT available (403 "This module version is
# not available").  The binary is installed into the mirror under the version
# the stacks pin (ECS_AWS_PROVIDER_VERSION, default 6.25.0) so that
# `init` resolves; READY/env.sh record the real source.  See docs/toolchain.md.
AWS_MODULE="github.com/hashicorp/terraform-provider-aws"
AWS_MODULE_VERSION="v1.60.1-0.20260602190131-5f2286d6d836"
AWS_MIRROR_VERSION="${ECS_AWS_PROVIDER_VERSION:-6.25.0}"

MOTO_VERSION="5.2.5"
CHECKOV_VERSION="3.3.30"

MIN_GO="1.26.3"   # terraform-provider-aws go.mod: go 1.26.3

# ----------------------------------------------------------------- setup ---
CACHE="${ECS_TOOLCHAIN_DIR:-$HOME/.cache/ecs-platform/toolchain}"
MODE="install"
for arg in "$@"; do
  case "$arg" in
    --check) MODE="check" ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

T0=$(date +%s)
ts() { date -u +%Y-%m-%dT%H:%M:%SZ; }
log() { printf '[%s] %s\n' "$(ts)" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$(ts)" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$(ts)" "$*" >&2; exit 1; }
elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
finish() { log "total wall time: $(elapsed "$T0") (${MODE})"; }

command -v go >/dev/null || die "go not found in PATH"
PYTHON="${ECS_PYTHON:-python3}"

GOVER="$(go env GOVERSION)"; GOVER="${GOVER#go}"; GOVER="${GOVER%%[ -]*}"
GOOS_ARCH="$(go env GOOS)_$(go env GOARCH)"

STATE="$CACHE/state"
BIN="$CACHE/bin"
PLUGINS="$CACHE/plugins"
VENV="$CACHE/venv"
TF_BIN="$BIN/terraform"
AWS_BIN_NAME="terraform-provider-aws_v${AWS_MIRROR_VERSION}_x5"
AWS_BUILD="$CACHE/build/terraform-provider-aws"   # label-independent
AWS_MIRROR_DIRS=(
  "$PLUGINS/registry.terraform.io/hashicorp/aws/$AWS_MIRROR_VERSION/$GOOS_ARCH"
  "$PLUGINS/registry.opentofu.org/hashicorp/aws/$AWS_MIRROR_VERSION/$GOOS_ARCH"
)

# Go: everything inside the cache dir; proxy only (never "direct", which
# would clone from GitHub); never auto-download another Go toolchain.
export GOMODCACHE="$CACHE/go/mod"
export GOCACHE="$CACHE/go/build-cache"
export GOFLAGS="-mod=mod -buildvcs=false"
export GOTOOLCHAIN=local
export CGO_ENABLED=0
GOPROXY_CLEAN="$(go env GOPROXY | tr ',|' '\n\n' | grep -v -x -e direct -e off -e '' | paste -sd, - || true)"
export GOPROXY="${GOPROXY_CLEAN:-https://proxy.golang.org}"
export CHECKPOINT_DISABLE=1          # no HashiCorp checkpoint calls
export PIP_DISABLE_PIP_VERSION_CHECK=1
export PIP_CACHE_DIR="$CACHE/pip-cache"

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | sed -n 1p)" = "$2" ]; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

# Fingerprints: what each step's output depends on.
FP_TF="terraform $TF_MODULE@$TF_VERSION nested=$TF_NESTED_VERSION go=$GOVER $GOOS_ARCH flags=trimpath,s,w,dev=no"
FP_AWS="aws $AWS_MODULE@$AWS_MODULE_VERSION go=$GOVER $GOOS_ARCH flags=trimpath,s,w"
PYVER="$("$PYTHON" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null || echo none)"
FP_VENV="venv python=$PYVER moto[server]==$MOTO_VERSION checkov==$CHECKOV_VERSION"

# state file: line 1 = fingerprint, line 2 = sha256 of the produced binary
# (or "-"), line 3 = "inode size mtime" of that binary when its sha256 was
# last verified.  If line 3 still matches, the (slow for an ~860 MB binary)
# sha256 is not recomputed; otherwise it is, and install mode refreshes line 3.
statsig() { stat -c '%i %s %Y' "$1"; }
state_ok() { # name fingerprint [file]
  local f="$STATE/$1.done"
  [ -f "$f" ] || return 1
  [ "$(sed -n 1p "$f")" = "$2" ] || return 1
  if [ -n "${3:-}" ]; then
    [ -x "$3" ] || return 1
    [ "$(sed -n 3p "$f")" = "$(statsig "$3")" ] && return 0
    [ "$(sed -n 2p "$f")" = "$(sha "$3")" ] || return 1
    [ "$MODE" = check ] || state_write "$1" "$2" "$3"
  fi
}
state_write() { # name fingerprint [file]
  mkdir -p "$STATE"
  { echo "$2"
    if [ -n "${3:-}" ]; then sha "$3"; statsig "$3"; else echo -; echo -; fi
  } > "$STATE/$1.done.tmp"
  mv "$STATE/$1.done.tmp" "$STATE/$1.done"
}
same_file() { [ "$1" -ef "$2" ] || cmp -s "$1" "$2"; }

AWS_SOURCE_VERSION_FILE="$STATE/aws-source-version"
# The generated files below (and the wrapper go.mod files) still name this script's old path,
# scripts/toolchain/install.sh, on purpose: --check and the tidy step compare them byte for byte,
# so new wording would invalidate every installed toolchain (and re-run `go mod tidy` on the next
# install). Change it together with a pin, when a rebuild is due anyway.
tfrc_content() {
  cat <<EOF
# Generated by scripts/toolchain/install.sh. Providers come only from the
# local filesystem mirror; there is no "direct" block, so init never
# contacts a registry. Checkpoint (version check) calls are disabled.
disable_checkpoint = true

provider_installation {
  filesystem_mirror {
    path    = "$PLUGINS"
    include = ["registry.terraform.io/hashicorp/aws", "registry.opentofu.org/hashicorp/aws"]
  }
}
EOF
}
envsh_content() {
  cat <<EOF
# Generated by scripts/toolchain/install.sh -- source me.
export ECS_TOOLCHAIN_DIR="$CACHE"
export ECS_TF_BIN="$TF_BIN"
export TERRAFORM_BINARY_NAME="$TF_BIN"   # the binary cdktf-cli runs (diff/deploy)
export TF_CLI_CONFIG_FILE="$CACHE/tfrc"
export CHECKPOINT_DISABLE=1
# keep checkov offline (no guideline download from Prisma Cloud) and keep the
# AWS SDK away from the EC2 instance-metadata address
export BC_SKIP_MAPPING=TRUE
export AWS_EC2_METADATA_DISABLED=true
export ECS_TOOLCHAIN_VENV="$VENV"
export ECS_AWS_PROVIDER_VERSION="$AWS_MIRROR_VERSION"
export ECS_AWS_PROVIDER_SOURCE="$AWS_MODULE@$AWS_MODULE_VERSION"
case ":\$PATH:" in *":$BIN:"*) ;; *) export PATH="$BIN:\$PATH" ;; esac
case ":\$PATH:" in *":$VENV/bin:"*) ;; *) export PATH="$VENV/bin:\$PATH" ;; esac
EOF
}
ready_content() {
  cat <<EOF
cli=terraform
terraform=$TF_VERSION ($TF_MODULE@$TF_VERSION, nested backends @$TF_NESTED_VERSION)
aws_provider_mirror_version=$AWS_MIRROR_VERSION
aws_provider_source=$AWS_MODULE@$AWS_MODULE_VERSION
aws_provider_source_version=$(cat "$AWS_SOURCE_VERSION_FILE" 2>/dev/null || echo unknown)
moto=$MOTO_VERSION
checkov=$CHECKOV_VERSION
go=$GOVER
python=$PYVER
platform=$GOOS_ARCH
EOF
}

# ----------------------------------------------------------------- check ---
check_all() {
  local ok=0
  state_ok terraform "$FP_TF" "$TF_BIN" || { echo "missing/outdated: terraform ($TF_BIN)"; ok=1; }
  if [ -x "$TF_BIN" ]; then
    TF_CLI_CONFIG_FILE=/dev/null "$TF_BIN" version 2>/dev/null | sed -n 1p | grep -qx "$TF_EXPECT_VERSION" \
      || { echo "terraform binary does not report '$TF_EXPECT_VERSION'"; ok=1; }
  fi
  state_ok aws-provider "$FP_AWS" "$AWS_BUILD" || { echo "missing/outdated: aws provider build"; ok=1; }
  local d
  for d in "${AWS_MIRROR_DIRS[@]}"; do
    if [ ! -x "$d/$AWS_BIN_NAME" ] || ! same_file "$AWS_BUILD" "$d/$AWS_BIN_NAME"; then
      echo "missing/outdated: $d/$AWS_BIN_NAME"; ok=1
    fi
  done
  [ -f "$CACHE/tfrc" ] && [ "$(cat "$CACHE/tfrc")" = "$(tfrc_content)" ] || { echo "missing/outdated: tfrc"; ok=1; }
  state_ok venv "$FP_VENV" || { echo "missing/outdated: venv"; ok=1; }
  if [ -x "$VENV/bin/python" ]; then
    local got
    got="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"), m.version("checkov"))' 2>/dev/null || true)"
    [ "$got" = "$MOTO_VERSION $CHECKOV_VERSION" ] || { echo "venv packages: got '$got', want '$MOTO_VERSION $CHECKOV_VERSION'"; ok=1; }
  else
    echo "missing: $VENV/bin/python"; ok=1
  fi
  [ -f "$CACHE/env.sh" ] && [ "$(cat "$CACHE/env.sh")" = "$(envsh_content)" ] || { echo "missing/outdated: env.sh"; ok=1; }
  [ -f "$CACHE/READY" ] && [ "$(cat "$CACHE/READY")" = "$(ready_content)" ] || { echo "missing/outdated: READY"; ok=1; }
  return $ok
}

if [ "$MODE" = "check" ]; then
  if check_all; then
    log "toolchain OK in $CACHE"; finish; exit 0
  else
    log "toolchain NOT ready in $CACHE (run tools/toolchain/install.sh)"; finish; exit 1
  fi
fi

# --------------------------------------------------------------- install ---
mkdir -p "$CACHE" "$STATE" "$BIN" "$CACHE/build" "$CACHE/logs"
cd "$CACHE"   # keep go commands out of any enclosing module
exec 9>"$CACHE/.lock"
flock -n 9 || { log "another install.sh holds $CACHE/.lock; waiting"; flock 9; }

log "cache dir: $CACHE"
log "go $GOVER ($GOOS_ARCH), GOPROXY=$GOPROXY, python $PYVER"
version_ge "$GOVER" "$MIN_GO" || die "Go >= $MIN_GO required (have $GOVER)"
[ "$PYVER" != none ] || die "$PYTHON not usable"

step_begin() { STEP_T0=$(date +%s); log "==> $1"; }
step_end() { log "<== $1 done in $(elapsed "$STEP_T0")"; }
step_skip() { log "--- $1: up to date, skipped"; }

# Write go.mod for a throwaway wrapper module that requires MODULE@VERSION
# and mirrors all replace directives of MODULE's own go.mod (replaces in
# dependencies are ignored by Go, so they must be repeated in the main
# module).  Local-path replaces (=> ./sub/dir) point at nested modules of the
# same repository, which module zips do not contain; they are rewritten to
# "<same path> NESTED_VERSION" when NESTED_VERSION is given.
make_wrapper() { # dir module version nested_version
  local dir="$1" mod="$2" ver="$3" nested="${4:-}" upstream_mod
  local wlog="$CACHE/logs/$(basename "$dir")-modules.log"
  mkdir -p "$dir"
  upstream_mod="$(go mod download -json "$mod@$ver" 2>"$wlog" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  [ -f "$upstream_mod" ] || die "could not download $mod@$ver"
  {
    echo "// Generated by scripts/toolchain/install.sh: builds $mod@$ver."
    echo "module ecs-platform.local/toolchain/$(basename "$dir")"
    echo
    echo "go $GOVER"
    echo
    echo "require $mod $ver"
    echo
    # single-line and block-form replace directives of the upstream go.mod
    awk '
      /^replace[ \t]*\(/ { inblock = 1; next }
      inblock && /^\)/   { inblock = 0; next }
      inblock && /=>/    { sub(/^[ \t]+/, ""); print; next }
      /^replace[ \t]/ && /=>/ { sub(/^replace[ \t]+/, ""); print }
    ' "$upstream_mod" | sed 's#//.*$##' | while read -r line; do
      [ -n "$line" ] || continue
      local lhs rhs
      lhs="${line%%=>*}"; rhs="${line#*=>}"
      lhs="$(echo $lhs)"; rhs="$(echo $rhs)"
      case "$rhs" in
        ./*|../*)
          [ -n "$nested" ] || die "$mod@$ver has local replace '$line' and no nested version is pinned"
          echo "replace $lhs => ${lhs%% *} $nested" ;;
        *) echo "replace $lhs => $rhs" ;;
      esac
    done
  } > "$dir/go.mod.new"
  printf '//go:build tools\n\n// Generated by scripts/toolchain/install.sh.\npackage tools\n\nimport _ "%s"\n' "$mod" > "$dir/tools.go"
  if [ -f "$dir/go.mod" ] && [ -f "$dir/go.sum" ] && [ -f "$dir/.tidy" ] && cmp -s "$dir/go.mod.new" "$dir/.tidy"; then
    rm -f "$dir/go.mod.new"   # already tidied for exactly this input
  else
    mv "$dir/go.mod.new" "$dir/go.mod"
    cp "$dir/go.mod" "$dir/.tidy.pending"
    log "go mod tidy (downloads all dependency modules; log: $wlog)"
    (cd "$dir" && go mod tidy) >> "$wlog" 2>&1 || { tail -40 "$wlog" >&2; die "go mod tidy failed in $dir"; }
    mv "$dir/.tidy.pending" "$dir/.tidy"
  fi
  log "wrapper $dir: $(grep -c '^replace' "$dir/go.mod" || true) replace directive(s)"
  grep '^replace' "$dir/go.mod" | sed 's/^/    /' || true
}

# Sample used memory (MemTotal - MemAvailable) while a build runs.
mem_sampler() { # outfile
  local peak=0 used
  while :; do
    used=$(awk '/^MemTotal:/{t=$2} /^MemAvailable:/{a=$2} END{print int((t-a)/1024)}' /proc/meminfo)
    [ "$used" -gt "$peak" ] && { peak=$used; echo "$peak" > "$1"; }
    sleep 2
  done
}
timed_build() { # label logfile -- go build args...
  local label="$1" logf="$2"; shift 3
  local memf="$CACHE/logs/$label.peak-mem-mib" rc=0 pid
  echo 0 > "$memf"
  mem_sampler "$memf" & pid=$!
  /usr/bin/time -v -o "$CACHE/logs/$label.time" go build "$@" > "$logf" 2>&1 || rc=$?
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  if [ $rc -ne 0 ]; then tail -40 "$logf" >&2; die "$label build failed (log: $logf)"; fi
  log "$label: max RSS of a single build process $(awk -F': ' '/Maximum resident/{printf "%d MiB", $2/1024}' "$CACHE/logs/$label.time"), peak system memory used $(cat "$memf") MiB, CPU user $(awk -F': ' '/User time/{print $2}' "$CACHE/logs/$label.time")s"
}

# 1. Terraform CLI --------------------------------------------------------
# An installed terraform that reports exactly the pinned release is copied instead of compiled
# (tools/toolchain/system.sh; ECS_REUSE_TERRAFORM=<path> names one, =0 always builds).
# shellcheck source=tools/toolchain/system.sh
. "$TOOLCHAIN_SRC_DIR/system.sh"
if state_ok terraform "$FP_TF" "$TF_BIN"; then
  step_skip "terraform $TF_VERSION"
elif reuse="$(ecs_reusable_terraform "$TF_EXPECT_VERSION")"; then
  step_begin "terraform $TF_VERSION: reusing the installed $reuse (it reports '$TF_EXPECT_VERSION'); ECS_REUSE_TERRAFORM=0 compiles instead"
  mkdir -p "$(dirname "$TF_BIN")"
  cp "$reuse" "$TF_BIN.tmp"
  mv "$TF_BIN.tmp" "$TF_BIN"
  got="$(TF_CLI_CONFIG_FILE=/dev/null "$TF_BIN" version | sed -n 1p)"
  [ "$got" = "$TF_EXPECT_VERSION" ] || die "copied terraform reports '$got', expected '$TF_EXPECT_VERSION'"
  state_write terraform "$FP_TF" "$TF_BIN"
  step_end "terraform ($got, copied from $reuse)"
else
  step_begin "terraform $TF_VERSION: fetch modules + build"
  make_wrapper "$CACHE/src/terraform" "$TF_MODULE" "$TF_VERSION" "$TF_NESTED_VERSION"
  (cd "$CACHE/src/terraform" && timed_build terraform "$CACHE/logs/terraform-build.log" -- \
      -p 2 -trimpath -ldflags "-s -w -X $TF_MODULE/version.dev=no" -o "$TF_BIN.tmp" "$TF_MODULE")
  mv "$TF_BIN.tmp" "$TF_BIN"
  got="$(TF_CLI_CONFIG_FILE=/dev/null "$TF_BIN" version | sed -n 1p)"
  [ "$got" = "$TF_EXPECT_VERSION" ] || die "built terraform reports '$got', expected '$TF_EXPECT_VERSION'"
  state_write terraform "$FP_TF" "$TF_BIN"
  step_end "terraform ($got, $(du -h "$TF_BIN" | cut -f1))"
fi

# 2. hashicorp/aws provider ------------------------------------------------
if state_ok aws-provider "$FP_AWS" "$AWS_BUILD"; then
  step_skip "aws provider build ($AWS_MODULE@$AWS_MODULE_VERSION)"
else
  step_begin "aws provider: fetch modules + build ($AWS_MODULE@$AWS_MODULE_VERSION; long: ~27 min cold on 2 cores, ~9 GiB RSS at link)"
  make_wrapper "$CACHE/src/provider-aws" "$AWS_MODULE" "$AWS_MODULE_VERSION" ""
  moddir="$GOMODCACHE/$AWS_MODULE@$AWS_MODULE_VERSION"
  srcver="$(cat "$moddir/version/VERSION" 2>/dev/null || echo unknown)"
  commit="${AWS_MODULE_VERSION##*-}"
  echo "${srcver}-dev+${commit} (CHANGELOG head: $(grep -m1 '^## ' "$moddir/CHANGELOG.md" | sed 's/^## //'))" > "$AWS_SOURCE_VERSION_FILE"
  # ProviderVersion is only used in logs/User-Agent; record the real source.
  (cd "$CACHE/src/provider-aws" && timed_build aws-provider "$CACHE/logs/aws-provider-build.log" -- \
      -p 2 -trimpath -ldflags "-s -w -X $AWS_MODULE/version.ProviderVersion=${srcver}-dev+${commit}" \
      -o "$AWS_BUILD.tmp" "$AWS_MODULE")
  mv "$AWS_BUILD.tmp" "$AWS_BUILD"
  state_write aws-provider "$FP_AWS" "$AWS_BUILD"
  step_end "aws provider ($(du -h "$AWS_BUILD" | cut -f1))"
fi
warn "hashicorp/aws is built from $AWS_MODULE@$AWS_MODULE_VERSION ($(cat "$AWS_SOURCE_VERSION_FILE" 2>/dev/null)) and installed as version $AWS_MIRROR_VERSION: the proxy does not serve v6.25.0's source. See docs/toolchain.md."

# 3. filesystem mirror -----------------------------------------------------
mirror_ok=1
for d in "${AWS_MIRROR_DIRS[@]}"; do
  if [ ! -x "$d/$AWS_BIN_NAME" ] || ! same_file "$AWS_BUILD" "$d/$AWS_BIN_NAME"; then mirror_ok=0; fi
done
if [ $mirror_ok = 1 ]; then
  step_skip "provider mirror"
else
  step_begin "provider mirror"
  for d in "${AWS_MIRROR_DIRS[@]}"; do
    mkdir -p "$d"
    # hard link (no extra disk); fall back to a copy across filesystems
    ln -f "$AWS_BUILD" "$d/$AWS_BIN_NAME" 2>/dev/null || cp -f "$AWS_BUILD" "$d/$AWS_BIN_NAME"
    log "    $d/$AWS_BIN_NAME"
  done
  step_end "provider mirror"
fi

# 4. CLI config ------------------------------------------------------------
if [ -f "$CACHE/tfrc" ] && [ "$(cat "$CACHE/tfrc")" = "$(tfrc_content)" ]; then
  step_skip "tfrc"
else
  step_begin "tfrc"
  tfrc_content > "$CACHE/tfrc"
  step_end "tfrc ($CACHE/tfrc)"
fi

# 5. Python venv -----------------------------------------------------------
if state_ok venv "$FP_VENV" && [ -x "$VENV/bin/python" ]; then
  step_skip "venv (moto $MOTO_VERSION, checkov $CHECKOV_VERSION)"
else
  step_begin "venv: moto[server]==$MOTO_VERSION checkov==$CHECKOV_VERSION"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q "moto[server]==$MOTO_VERSION" "checkov==$CHECKOV_VERSION" \
    > "$CACHE/logs/pip.log" 2>&1 || { tail -40 "$CACHE/logs/pip.log" >&2; die "pip install failed"; }
  "$VENV/bin/python" -m pip check >> "$CACHE/logs/pip.log" 2>&1 || warn "pip check reports conflicts (see $CACHE/logs/pip.log)"
  got="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"), m.version("checkov"))')"
  [ "$got" = "$MOTO_VERSION $CHECKOV_VERSION" ] || die "venv has '$got'"
  state_write venv "$FP_VENV"
  step_end "venv"
fi

# 6. env.sh + READY --------------------------------------------------------
envsh_content > "$CACHE/env.sh.tmp" && mv "$CACHE/env.sh.tmp" "$CACHE/env.sh"
ready_content > "$CACHE/READY.tmp" && mv "$CACHE/READY.tmp" "$CACHE/READY"
check_all > "$CACHE/logs/final-check.log" || { cat "$CACHE/logs/final-check.log" >&2; die "post-install check failed"; }
log "ready: source $CACHE/env.sh"
sed 's/^/    /' "$CACHE/READY"
finish
