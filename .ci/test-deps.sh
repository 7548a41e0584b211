#!/usr/bin/env bash
# Installs the real peers the tests run against, idempotently:
#   - ZooKeeper from Debian's `zookeeper` package (mesos-sdk's detector tests start it);
#   - pymesos 0.3.15 in a virtualenv (mesos-sim's pymesos test), via .ci/setup-pymesos.sh.
# Prints the environment the tests need (MESOS_SIM_PYMESOS_PYTHON=...) on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f /usr/share/java/zookeeper.jar ] || ! command -v java >/dev/null 2>&1; then
  echo "installing ZooKeeper (Debian package)" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq zookeeper >&2
fi

bash .ci/setup-pymesos.sh | tail -n 1
