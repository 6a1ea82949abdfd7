#!/usr/bin/env bash
# run.sh runs goconc's end-to-end tests: real Jupyter clients (jupyter_client,
# jupyter_kernel_test, nbconvert, nbclient, jupyter console, the notebook
# server in headless Chromium) against a freshly built goconc kernel.
#
# Everything lives in a temporary directory: the binary, the kernelspec
# (goconc install --prefix) and Jupyter's data, config and runtime dirs, so
# the user's own Jupyter set-up is neither read nor changed. The directory
# is removed after a passing run and kept after a failing one (screenshots,
# server logs), or always with GOCONC_E2E_KEEP=1.
#
# usage: tests/e2e/run.sh [unittest names or flags, e.g. test_console or -k nbclient]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python=/usr/bin/python3
jupyter=/usr/bin/jupyter

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	PATH="/usr/local/go/bin:$PATH"
fi
for tool in go "$python" "$jupyter"; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "e2e: $tool is missing: run ./install.sh (Jupyter comes from Debian's packages)" >&2
		exit 1
	fi
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/goconc-e2e.XXXXXX")"
status=1
# shellcheck disable=SC2317 # called by the EXIT trap
finish() {
	if [ "$status" -eq 0 ] && [ -z "${GOCONC_E2E_KEEP:-}" ]; then
		rm -rf "$tmp"
	else
		echo "e2e: kept $tmp for inspection" >&2
	fi
}
trap finish EXIT

echo "e2e: building goconc into $tmp/bin"
(cd "$root" && go build -o "$tmp/bin/goconc" ./cmd/goconc)
"$tmp/bin/goconc" install --prefix "$tmp/prefix"

# Native cells (%%race, %%native) and lessons running the Go toolchain from
# their cells build with the user's Go build cache, not one under the
# XDG_CACHE_HOME set below.
GOCACHE="$(go env GOCACHE)"
export GOCACHE

# Jupyter looks for kernelspecs in JUPYTER_PATH first; the data, config and
# runtime dirs keep every Jupyter program away from the user's own.
export JUPYTER_PATH="$tmp/prefix/share/jupyter"
export JUPYTER_DATA_DIR="$tmp/data"
export JUPYTER_CONFIG_DIR="$tmp/config"
export JUPYTER_RUNTIME_DIR="$tmp/runtime"
export IPYTHONDIR="$tmp/ipython"
export XDG_DATA_HOME="$tmp/xdg-data"
export XDG_CONFIG_HOME="$tmp/xdg-config"
export XDG_CACHE_HOME="$tmp/xdg-cache"
mkdir -p "$JUPYTER_DATA_DIR" "$JUPYTER_CONFIG_DIR" "$JUPYTER_RUNTIME_DIR" "$IPYTHONDIR"
# Fill the build cache for native cells, as install.sh does.
"$tmp/bin/goconc" warm
# The tests read these to find the binary and a place for their files.
export GOCONC_BIN="$tmp/bin/goconc"
export GOCONC_E2E_TMP="$tmp"
export PYTHONDONTWRITEBYTECODE=1
# Quiet the Python kernel's debugger warning under Debian's frozen modules.
export PYDEVD_DISABLE_FILE_VALIDATION=1

"$jupyter" kernelspec list

# A hung kernel must not hang the run: each test has its own time limits,
# and the whole suite has this one.
limit="${GOCONC_E2E_TIMEOUT:-1200}"
set +e
if [ $# -gt 0 ]; then
	(cd "$root/tests/e2e" && timeout --kill-after=30 "$limit" "$python" -m unittest -v "$@")
else
	(cd "$root" && timeout --kill-after=30 "$limit" "$python" -m unittest discover -s tests/e2e -v)
fi
status=$?
set -e
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
	echo "e2e: the suite ran past its ${limit} s limit and was stopped" >&2
fi
exit "$status"
