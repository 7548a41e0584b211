#!/usr/bin/env bash
# Installs pymesos 0.3.15 (an independent Mesos v1 client, ../shared/test-peers.md §2) into a
# virtualenv for mesos-sim's pymesos test. Idempotent: does nothing when the venv already has it.
#
#   .ci/setup-pymesos.sh                 # venv at target/pymesos-venv
#   MESOS_SIM_PYMESOS_VENV=/some/dir .ci/setup-pymesos.sh
#
# Then run the tests with MESOS_SIM_PYMESOS_PYTHON=<venv>/bin/python (printed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${MESOS_SIM_PYMESOS_VENV:-$PWD/target/pymesos-venv}"
python="${PYTHON:-python3}"

if [ -x "$venv/bin/python" ] &&
  "$venv/bin/python" -c 'import importlib.metadata as m, pymesos; assert m.version("pymesos") == "0.3.15"' 2>/dev/null; then
  echo "pymesos 0.3.15 already installed in $venv" >&2
else
  rm -rf "$venv"
  "$python" -m venv "$venv"
  dl="$venv/dl"
  mkdir -p "$dl"
  # http-parser 0.9.0's C extension does not build on Python 3.11 (longintrepr.h); install its
  # pure-Python parser, which pymesos supports.
  "$venv/bin/pip" download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
    http-parser==0.9.0 -d "$dl"
  tar xzf "$dl/http-parser-0.9.0.tar.gz" -C "$dl"
  sed -i 's/run_setup(not IS_PYPY)/run_setup(False)/' "$dl/http-parser-0.9.0/setup.py"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$dl/http-parser-0.9.0"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pymesos==0.3.15
  "$venv/bin/python" -c 'import pymesos'
fi
echo "MESOS_SIM_PYMESOS_PYTHON=$venv/bin/python"
