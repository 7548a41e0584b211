#!/usr/bin/env bash
# Installs the real peers the tests run against, idempotently:
#   - ZooKeeper from Debian's `zookeeper` package (mesos-sdk's detector tests start it);
#   - util-linux's setsid(1), which mesos-sim starts containers with (normally there already);
#   - pymesos 0.3.15 in a virtualenv (mesos-sim's pymesos test), via .ci/setup-pymesos.sh;
#   - a real Apache Mesos 1.11.0 (the kit in ../shared/real-mesos/, built under
#     MESOS_REAL_ROOT, default target/real-mesos): the tests start its masters and agents.
# Prints the environment the tests need on its last lines, one NAME=VALUE a line.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq >&2; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >&2
}

if [ ! -f /usr/share/java/zookeeper.jar ] || ! command -v java >/dev/null 2>&1; then
  echo "installing ZooKeeper (Debian package)" >&2
  apt_install zookeeper
fi

# mesos-sim starts every container in a session of its own through util-linux's setsid(1)
# (essential in Debian, so normally there already); without it, a container's processes in
# other process groups would outlive it, and the tests that check they do not would fail.
if ! command -v setsid >/dev/null 2>&1; then
  echo "installing util-linux (setsid)" >&2
  apt_install util-linux
fi

# The kit's build installs its Debian packages itself, but only runs `apt-get update` when an
# install fails; a fresh machine's empty lists would make that the slow path, so install them
# here once the lists are fresh.
kit=../shared/real-mesos/real-mesos.sh
[ -f "$kit" ] || { echo "the real Mesos kit is missing: $kit" >&2; exit 1; }
missing=()
for pkg in libsvn1 libcurl3-gnutls libcurl4-openssl-dev libsasl2-2 libapr1 g++ binutils curl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing the real Mesos kit's packages: ${missing[*]}" >&2
  apt_install "${missing[@]}"
fi
real_root="${MESOS_REAL_ROOT:-$PWD/target/real-mesos}"
ROOT="$real_root" bash "$kit" build >&2

pymesos_env=$(bash .ci/setup-pymesos.sh | tail -n 1)
echo "$pymesos_env"
echo "MESOS_REAL_ROOT=$real_root"
