#!/usr/bin/env bash
# test.sh runs goconc's whole test suite, the same way everywhere (CI runs
# exactly this):
#
#   deps   install what the tests need when it is missing (./install.sh
#          --deps-only --with-test-deps: Debian's Jupyter, chromium,
#          chromium-driver, shellcheck)
#   patch  GOWORK for the other stages: yaegi patched (tools/yaegipatch)
#   build  go build ./...
#   lint   go vet ./..., gofmt, shellcheck on the shell scripts
#   unit   go test -race ./... (kernel/engine and grader/interpreted, which
#          interpret in-process, without)
#   e2e    tests/e2e/run.sh: the kernel under real Jupyter clients
#
# Missing Jupyter fails the run, never skips it. Skipped tests are listed
# as warnings. Each stage ends with a summary line, and the run with a count
# of tests passed and failed.

# The stage functions are called through stage(), which shellcheck cannot see.
# shellcheck disable=SC2317
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
python=/usr/bin/python3
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	PATH="/usr/local/go/bin:$PATH"
fi

logs="$(mktemp -d "${TMPDIR:-/tmp}/goconc-test.XXXXXX")"
trap 'rm -rf "$logs"' EXIT

summary=()
failed_stages=0
passed=0
failed=0
skipped=0

# stage NAME COMMAND... runs one stage and records how it went.
stage() {
	local name="$1" start=$SECONDS rc=0
	shift
	printf '\n==> %s\n' "$name"
	"$@" || rc=$?
	local line
	if [ "$rc" -eq 0 ]; then
		line="$(printf 'stage %-5s ok     (%d s)' "$name" $((SECONDS - start)))"
	else
		line="$(printf 'stage %-5s FAILED (%d s, exit %d)' "$name" $((SECONDS - start)) "$rc")"
		failed_stages=$((failed_stages + 1))
	fi
	echo "$line"
	summary+=("$line")
	return "$rc"
}

finish() {
	printf '\n==> summary\n'
	printf '%s\n' "${summary[@]}"
	local tail=""
	[ "$skipped" -gt 0 ] && tail=", $skipped skipped"
	echo "total: $passed passed, $failed failed$tail"
	if [ "$failed_stages" -gt 0 ]; then
		exit 1
	fi
	exit 0
}

# test_deps_present reports whether everything the tests use is installed.
test_deps_present() {
	local f
	for f in "$python" /usr/bin/jupyter /usr/bin/jupyterhub /usr/bin/chromium /usr/bin/chromedriver; do
		[ -x "$f" ] || return 1
	done
	command -v go >/dev/null 2>&1 || return 1
	command -v shellcheck >/dev/null 2>&1 || return 1
	"$python" -c 'import jupyter_client, jupyter_kernel_test, nbclient, nbconvert, nbformat, notebook, jupyter_console, ipykernel, jupyterhub' 2>/dev/null
}

deps() {
	if test_deps_present; then
		echo "all test dependencies are installed"
		return 0
	fi
	echo "installing missing test dependencies"
	./install.sh --deps-only --with-test-deps
	if ! command -v go >/dev/null 2>&1; then
		echo "Go is not installed: see ./install.sh --help" >&2
		return 1
	fi
	test_deps_present || {
		echo "test dependencies are still missing after ./install.sh (Jupyter from Debian's packages is required)" >&2
		return 1
	}
}

# patch_yaegi makes every later stage build with yaegi as install.sh
# builds it, patched by tools/yaegipatch: the suite tests what users run.
# A patch that no longer applies fails the run (install.sh would fall back
# to yaegi unpatched, with a warning).
patch_yaegi() {
	local work
	work="$(go run ./tools/yaegipatch)" || return 1
	export GOWORK="$work"
	echo "GOWORK=$GOWORK"
}

lint() {
	local rc=0 files unformatted
	go vet ./... || rc=1
	# Every Go file of the module's packages, whatever its build tags.
	# shellcheck disable=SC2016 # a Go template, not shell
	files="$(go list -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}} {{end}}{{range .CgoFiles}}{{$d}}/{{.}} {{end}}{{range .TestGoFiles}}{{$d}}/{{.}} {{end}}{{range .XTestGoFiles}}{{$d}}/{{.}} {{end}}{{range .IgnoredGoFiles}}{{$d}}/{{.}} {{end}}' ./...)"
	# shellcheck disable=SC2086 # one word per file
	unformatted="$(gofmt -l $files)"
	if [ -n "$unformatted" ]; then
		echo "not gofmt-formatted:" >&2
		echo "$unformatted" >&2
		rc=1
	fi
	shellcheck install.sh test.sh .ci/run tests/e2e/run.sh notebooks/refresh.sh || rc=1
	[ "$rc" -eq 0 ] && echo "go vet, gofmt and shellcheck are clean"
	return "$rc"
}

# unit runs the Go tests with the race detector, printing each package's
# result and the full output of failing tests, and counts the tests.
# kernel/engine and grader/interpreted, which run interpreted code in the
# test process itself, run without it: the interpreter has data races of
# its own (a closure's frame slot written back after each call), the
# grader's tests interpret racy submissions on purpose, and go test fails
# a test on any race. The engine's code runs under -race in child processes
# instead: kernel/worker's tests and one run of each differential program
# with goconc built with -race, whose reports tests/racereport sorts into
# the interpreter's races and goconc's, which fail.
unit() {
	local rc=0
	local inproc='goconc/kernel/engine|goconc/grader/interpreted'
	local raced plain
	raced="$(go list ./... | grep -Ev "^($inproc)\$" | tr '\n' ' ')"
	plain="$(go list ./... | grep -E "^($inproc)\$" | tr '\n' ' ')"
	# The differential suite takes up to 10 minutes under -race on 2
	# cores, go test's default limit.
	# shellcheck disable=SC2086 # one word per package
	{
		go test -race -timeout 30m -json $raced || rc=$?
		go test -timeout 30m -json $plain || rc=$?
	} >"$logs/unit.json" 2>"$logs/unit.err"
	cat "$logs/unit.err" >&2
	local counts
	counts="$("$python" - "$logs/unit.json" <<'EOF'
import json, sys

counts = {"pass": 0, "fail": 0, "skip": 0}
output = {}
with open(sys.argv[1]) as f:
    for line in f:
        try:
            ev = json.loads(line)
        except ValueError:
            print(line, end="", file=sys.stderr)
            continue
        action, test = ev.get("Action"), ev.get("Test")
        key = (ev.get("Package", ""), test)
        if action == "output":
            output.setdefault(key, []).append(ev["Output"])
        elif action == "build-output":
            print(ev["Output"], end="", file=sys.stderr)
        elif action in counts and test:
            counts[action] += 1
            if action == "fail":
                print("".join(output.get(key, [])), end="", file=sys.stderr)
            elif action == "skip":
                print(f"warning: skipped {key[0]} {test}", file=sys.stderr)
        elif action in counts:
            lines = output.get(key, [])
            if action == "fail":
                print("".join(lines), end="", file=sys.stderr)
            elif lines:
                print(lines[-1], end="", file=sys.stderr)
print(counts["pass"], counts["fail"], counts["skip"])
EOF
)" || rc=1
	local p f s
	read -r p f s <<<"${counts:-0 0 0}"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	echo "go test: $p passed, $f failed, $s skipped"
	return "$rc"
}

# e2e runs the end-to-end suite and counts its tests from unittest's
# closing lines ("Ran N tests", "FAILED (failures=1, errors=2)").
e2e() {
	local rc=0
	tests/e2e/run.sh 2>&1 | tee "$logs/e2e.log" || rc=$?
	local ran bad skip
	ran="$(sed -n 's/^Ran \([0-9]*\) tests\{0,1\} in .*/\1/p' "$logs/e2e.log" | tail -n 1)"
	ran="${ran:-0}"
	bad=0
	skip=0
	local last
	last="$(grep -E '^(OK|FAILED)' "$logs/e2e.log" | tail -n 1 || true)"
	for kind in failures errors unexpected\ successes; do
		local n
		n="$(sed -n "s/.*${kind}=\([0-9]*\).*/\1/p" <<<"$last")"
		bad=$((bad + ${n:-0}))
	done
	skip="$(sed -n 's/.*skipped=\([0-9]*\).*/\1/p' <<<"$last")"
	skip="${skip:-0}"
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1 # the suite failed before or outside any test
	fi
	passed=$((passed + ran - bad - skip))
	failed=$((failed + bad))
	skipped=$((skipped + skip))
	echo "e2e: $((ran - bad - skip)) passed, $bad failed, $skip skipped"
	grep -E '\.\.\. skipped' "$logs/e2e.log" | sed 's/^/warning: skipped /' >&2 || true
	if [ "$ran" -eq 0 ]; then
		echo "e2e ran no test" >&2
		rc=1
	fi
	return "$rc"
}

stage deps deps || finish
stage patch patch_yaegi || finish
stage build go build ./... || finish
stage lint lint || true
stage unit unit || true
stage e2e e2e || true
finish
