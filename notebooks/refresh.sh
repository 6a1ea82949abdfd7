#!/usr/bin/env bash
# refresh.sh executes the course's notebooks in place through the goconc
# kernel, with jupyter nbconvert, so that the outputs committed with them
# come from the current code. It builds goconc and installs its kernelspec
# into a temporary directory, away from your own Jupyter set-up.
#
# usage: notebooks/refresh.sh [NOTEBOOK.ipynb...]
#        (no argument: every lesson, notebooks/NN-*.ipynb, and the welcome)
#
# A cell that fails stops the notebook unless it is tagged
# raises-exception. nbconvert_config.py gives each cell 120 s, and
# interrupts a cell whose metadata sets goconc.interrupt_after (a loop
# the lesson tells the student to interrupt) after that many seconds.
# Each notebook's wall time is printed: keep a lesson under 40 s on 2
# cores (see notebooks/README.md).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jupyter=/usr/bin/jupyter
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	PATH="/usr/local/go/bin:$PATH"
fi
if [ ! -x "$jupyter" ]; then
	echo "refresh: $jupyter is missing: run ./install.sh (Jupyter comes from Debian's packages)" >&2
	exit 1
fi

if [ $# -eq 0 ]; then
	set -- "$root"/notebooks/[0-9][0-9]-*.ipynb
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/goconc-refresh.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
# Built as install.sh builds it (yaegi patched by tools/yaegipatch), so that
# the timings the lessons print are the ones a student's install gives.
work="$(cd "$root" && go run ./tools/yaegipatch)"
(cd "$root" && GOWORK="$work" go build -o "$tmp/bin/goconc" ./cmd/goconc)
"$tmp/bin/goconc" install --prefix "$tmp/prefix" >/dev/null
export JUPYTER_PATH="$tmp/prefix/share/jupyter"
export JUPYTER_DATA_DIR="$tmp/data"
export JUPYTER_CONFIG_DIR="$tmp/config"
export JUPYTER_RUNTIME_DIR="$tmp/runtime"
export IPYTHONDIR="$tmp/ipython"
export PYDEVD_DISABLE_FILE_VALIDATION=1
# Lessons that start child processes find goconc here.
export GOCONC_BIN="$tmp/bin/goconc"
# %%race and %%native cells (lesson 02) build with the Go toolchain: fill
# its cache first, as install.sh does, so that a notebook's time is its own.
"$tmp/bin/goconc" warm

# check_tags fails a refreshed notebook whose cells contradict their tags:
# a cell tagged raises-exception that did not fail (nbconvert itself stops
# at an untagged cell that fails). The lessons' test checks the same.
check_tags() {
	/usr/bin/python3 - "$1" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
code = [c for c in nb["cells"] if c["cell_type"] == "code"]
bad = [i + 1 for i, c in enumerate(code)
       if "raises-exception" in c.get("metadata", {}).get("tags", [])
       and not any(o["output_type"] == "error" for o in c.get("outputs", []))]
if bad:
    sys.exit(f"refresh: {sys.argv[1]}: code cells {bad} are tagged raises-exception but did not fail")
PY
}

status=0
for nb in "$@"; do
	start=$SECONDS
	# record_timing off: timestamps in the cells' metadata would change
	# the files on every refresh.
	if (cd "$(dirname "$nb")" && "$jupyter" nbconvert --to notebook --execute --inplace \
		--config "$root/notebooks/nbconvert_config.py" \
		--ExecutePreprocessor.kernel_name=goconc \
		--ExecutePreprocessor.record_timing=False \
		"$(basename "$nb")") && check_tags "$nb"; then
		printf 'refresh: %-40s ok     %3d s\n' "$(basename "$nb")" $((SECONDS - start))
	else
		printf 'refresh: %-40s FAILED %3d s\n' "$(basename "$nb")" $((SECONDS - start))
		status=1
	fi
done
exit "$status"
