#!/usr/bin/env bash
# The newcomer's first run, until `k8sm local` exists: starts mesos-sim (a Mesos master and
# three agents on loopback), runs one shell command as a Mesos task through the `execute`
# example, prints its status updates, and stops the simulator.
set -euo pipefail
cd "$(dirname "$0")/.."

command=${1:-"echo hello from a Mesos task"}
cargo build -q -p mesos-sim -p mesos-examples
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./target/debug/mesos-sim --port "$port" --agents 3 > target/demo-mesos-sim.log 2>&1 &
sim=$!
trap 'kill "$sim" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/version', timeout=1)" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
echo "mesos-sim is serving on 127.0.0.1:$port; running: $command"
./target/debug/execute --master "127.0.0.1:$port" --name demo --command "$command"
