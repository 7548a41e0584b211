#!/usr/bin/env bash
# Measures the SDK against two peers, side by side on this machine and on the same bytes, and
# prints a Markdown table of ratios (ours/peer; above 1 means the SDK is faster):
#   - scheduler event decoding (HEARTBEAT, SUBSCRIBED, UPDATE, OFFERS of 10 offers) against
#     Python's protobuf runtime with its upb backend;
#   - RecordIO framing of 20 B to 1 MiB records arriving in 16 KiB pieces against mesos-go's v1
#     reader (Debian's golang-github-mesos-mesos-go-dev).
# The Rust side (mesos-sdk/examples/bench_peers.rs) writes the inputs both sides read, and every
# side reports the best of 5 timed runs of fixed iteration counts, so rows compare directly. The
# criterion benches (cargo bench -p mesos-sdk) remain the reference for absolute figures.
#
#   scripts/bench-vs-peers.sh                   # installs what it needs, then measures
#   scripts/bench-vs-peers.sh --with-criterion  # and then runs cargo bench --bench session
#
# Installs golang-go and golang-github-mesos-mesos-go-dev with apt, and protobuf (7.x or newer)
# and grpcio-tools (for protoc) in a venv at target/bench-peers-venv. Idempotent: what is in
# place is kept; generated code and inputs under target/bench-peers are rewritten each run.
set -euo pipefail
cd "$(dirname "$0")/.."

with_criterion=
for arg in "$@"; do
  case "$arg" in
    --with-criterion) with_criterion=1 ;;
    -h | --help)
      sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "unknown argument: $arg (see --help)" >&2
      exit 2
      ;;
  esac
done

root=$PWD
here=$root/scripts/bench-vs-peers
out=$root/target/bench-peers
venv=$root/target/bench-peers-venv
mesos_go=/usr/share/gocode/src/github.com/mesos/mesos-go
log() { echo "bench-vs-peers: $*" >&2; }

# --- Go and mesos-go, from Debian ------------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
apt_install() {
  # A fresh machine's package lists may be empty or stale: update only when an install fails.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >&2 || {
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >&2
  }
}
if ! command -v go >/dev/null 2>&1 || ! dpkg -s golang-github-mesos-mesos-go-dev >/dev/null 2>&1; then
  log "installing golang-go and golang-github-mesos-mesos-go-dev"
  apt_install golang-go golang-github-mesos-mesos-go-dev
fi
mesos_go_version=$(dpkg-query -W -f '${Version}' golang-github-mesos-mesos-go-dev)
if [ ! -f "$mesos_go/api/v1/lib/recordio/reader.go" ]; then
  echo "mesos-go $mesos_go_version has no v1 RecordIO reader ($mesos_go/api/v1/lib/recordio);" \
    "its RecordIO code is in:" >&2
  grep -rli recordio "$mesos_go" --include='*.go' >&2 || true
  exit 1
fi

# --- Python protobuf (upb) and protoc, in a venv ---------------------------------------------
python=$venv/bin/python
have_python_peer() {
  [ -x "$python" ] && "$python" - <<'EOF' 2>/dev/null
import google.protobuf, grpc_tools.protoc
assert int(google.protobuf.__version__.split(".")[0]) >= 7
EOF
}
if ! have_python_peer; then
  log "installing protobuf (>= 7, upb backend) and grpcio-tools in $venv"
  rm -rf "$venv"
  # Debian's python3 makes venvs only with python3-venv installed.
  "${PYTHON:-python3}" -m venv "$venv" 2>/dev/null || {
    rm -rf "$venv"
    apt_install python3-venv
    "${PYTHON:-python3}" -m venv "$venv"
  }
  "$venv/bin/pip" install --quiet --disable-pip-version-check "protobuf>=7" grpcio-tools
  have_python_peer
fi
backend=$("$python" -c 'from google.protobuf.internal import api_implementation as a; print(a.Type())')
if [ "$backend" != upb ]; then
  echo "Python protobuf runs its '$backend' backend, not upb" \
    "(is PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION set?)" >&2
  exit 1
fi

# The Mesos v1 schema as Python modules: mesos/v1/mesos_pb2.py, mesos/v1/scheduler/....
rm -rf "$out/python"
mkdir -p "$out/python"
"$python" -m grpc_tools.protoc -I proto --python_out="$out/python" \
  proto/mesos/v1/mesos.proto proto/mesos/v1/scheduler/scheduler.proto

# --- Builds --------------------------------------------------------------------------------
# GOPATH mode, offline: mesos-go's recordio package imports only the standard library and
# mesos-go itself, both on disk.
log "building the Go peer"
GO111MODULE=off GOFLAGS= GOPATH=/usr/share/gocode GOCACHE="${GOCACHE:-$out/go-cache}" \
  go build -o "$out/recordio-go" "$here/recordio.go"
log "building the Rust side (release)"
cargo build --release -q -p mesos-sdk --example bench_peers
# Run the binary itself: `cargo run` would wait for the target directory's lock whenever
# someone else compiles, between two measurements.
ours=${CARGO_TARGET_DIR:-$root/target}/release/examples/bench_peers

# --- Measurements --------------------------------------------------------------------------
# One workload at a time, ours then the peer's right after, so that both sides of a row see the
# same machine (others may be compiling on it); never two measurements at once.
"$ours" write-inputs "$out/inputs"
names() { tail -n +2 "$out/inputs/$1/manifest.tsv" | cut -f1; }
: >"$out/ours-events.tsv"
: >"$out/peer-events.tsv"
: >"$out/ours-recordio.tsv"
: >"$out/peer-recordio.tsv"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for name in $(names events); do
  log "event $name: mesos-sdk, then Python protobuf (upb)"
  "$ours" events "$out/inputs" "$name" >>"$out/ours-events.tsv"
  "$python" "$here/decode_events.py" "$out/python" "$out/inputs" "$name" \
    >>"$out/peer-events.tsv" 2>"$out/python-runtime.txt"
done
for name in $(names recordio); do
  log "RecordIO $name: mesos-sdk, then mesos-go"
  "$ours" recordio "$out/inputs" "$name" >>"$out/ours-recordio.tsv"
  "$out/recordio-go" "$out/inputs" "$name" >>"$out/peer-recordio.tsv"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Report --------------------------------------------------------------------------------
echo
echo "Machine: $(nproc) cores, $(uname -m); load average $load_before before, $load_after after" \
  "(above ~0.5, others were busy: ratios hold better than absolute rates)"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- mesos-sdk proto 2>/dev/null || commit="$commit + local changes to mesos-sdk or proto"
echo "Ours: mesos-sdk at $commit, $(rustc --version)"
echo "Python peer: $(cat "$out/python-runtime.txt") (Python $("$python" -c 'import platform; print(platform.python_version())'))," \
  "protoc from grpcio-tools $("$python" -c 'import importlib.metadata as m; print(m.version("grpcio-tools"))')"
echo "Go peer: mesos-go $mesos_go_version (api/v1/lib/recordio), $(go version | cut -d' ' -f3-)"
echo
"$python" "$here/table.py" "$out"

if [ -n "$with_criterion" ]; then
  echo
  log "criterion: cargo bench -p mesos-sdk --bench session (saved under $out/criterion)"
  # Its own criterion home: a run on a busy machine does not replace the baseline that someone
  # comparing their own changes against `cargo bench` keeps in the target directory.
  CRITERION_HOME="${CRITERION_HOME:-$out/criterion}" cargo bench -p mesos-sdk --bench session
fi
