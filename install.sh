#!/usr/bin/env bash
# install.sh sets up goconc on a Debian or Ubuntu machine: Jupyter from
# Debian's packages, the goconc binary, and the goconc kernelspec.
# Run it again at any time: it installs only what is missing and rewrites
# the binary and the kernelspec.
set -euo pipefail

usage() {
	cat <<'EOF'
usage: ./install.sh [--system] [--prefix DIR] [--no-jupyter] [--with-test-deps] [--deps-only]

Sets up goconc, the Go kernel for Jupyter:
  1. installs Jupyter from Debian packages when missing (with apt-get, through
     sudo when not root; on other systems it prints what to install),
  2. builds the binary:   go build -o DIR/bin/goconc ./cmd/goconc, in the
     workspace of tools/yaegipatch (yaegi calling compiled code faster)
  3. registers it:        DIR/bin/goconc install   (kernelspec "goconc" in the
     user's Jupyter data directory, e.g. ~/.local/share/jupyter/kernels/goconc)
  4. warms the build cache for %%native and %%race cells:  DIR/bin/goconc warm

options:
  --prefix DIR      install the binary as DIR/bin/goconc (default: ~/.local)
  --system          install for every user of the machine (a JupyterHub):
                    the binary as /usr/local/bin/goconc, the kernelspec in
                    /usr/local/share/jupyter/kernels/goconc, the shared
                    build cache in /var/cache/goconc/build (needs root);
                    with --prefix DIR: DIR/bin/goconc,
                    DIR/share/jupyter/kernels/goconc and
                    DIR/var/cache/goconc/build, all readable by every user
                    (Jupyter finds the kernelspec there when DIR/share/jupyter
                    is on JUPYTER_PATH)
  --no-jupyter      do not install Jupyter packages
  --with-test-deps  also install what the test suite needs: chromium and
                    chromium-driver for the browser test, jupyterhub for
                    the class test, shellcheck
  --deps-only       install packages only; do not build or register
  -h, --help        show this help

Go 1.26 or newer must be installed (go.mod names the version).
EOF
}

say() { printf 'install.sh: %s\n' "$*"; }
die() {
	printf 'install.sh: error: %s\n' "$*" >&2
	exit 1
}

prefix=""
system=0
want_jupyter=1
want_test_deps=0
deps_only=0
while [ $# -gt 0 ]; do
	case "$1" in
	-h | --help)
		usage
		exit 0
		;;
	--prefix)
		[ $# -ge 2 ] || die "--prefix needs a directory"
		prefix="$2"
		shift
		;;
	--prefix=*) prefix="${1#--prefix=}" ;;
	--system) system=1 ;;
	--no-jupyter) want_jupyter=0 ;;
	--with-test-deps) want_test_deps=1 ;;
	--deps-only) deps_only=1 ;;
	*)
		usage >&2
		die "unknown option: $1"
		;;
	esac
	shift
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Debian packages: Jupyter with the tools the course and its tests use.
jupyter_pkgs=(jupyter-client python3-jupyter-kernel-test jupyter-nbconvert python3-nbclient
	jupyter-console jupyter-notebook python3-ipykernel)
test_pkgs=(chromium chromium-driver shellcheck jupyterhub)

pkg_installed() {
	[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

# as_root runs a command as root: directly when we are root, else by sudo.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "need root to run: $* (sudo is not installed; run this script as root)"
	fi
}

install_pkgs() {
	local missing=() p
	for p in "$@"; do
		pkg_installed "$p" || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		say "packages already installed: $*"
		return 0
	fi
	export DEBIAN_FRONTEND=noninteractive
	# Another apt may be running (unattended upgrades): wait for its lock.
	as_root apt-get -o DPkg::Lock::Timeout=600 update -q ||
		die "apt-get update failed"
	# Releases differ in what they package: leave out, with a word, what
	# this one lacks rather than fail on it.
	local available=() candidate
	for p in "${missing[@]}"; do
		candidate="$(apt-cache policy "$p" 2>/dev/null | sed -n 's/^ *Candidate: //p')"
		case "$candidate" in
		'' | '(none)') say "warning: this release has no package $p; install its equivalent yourself" ;;
		*) available+=("$p") ;;
		esac
	done
	[ ${#available[@]} -gt 0 ] || die "none of ${missing[*]} can be installed with apt-get"
	say "installing Debian packages: ${available[*]}"
	as_root apt-get -o DPkg::Lock::Timeout=600 install -y -q "${available[@]}" ||
		die "apt-get install ${available[*]} failed"
}

pkgs=()
[ "$want_jupyter" -eq 1 ] && pkgs+=("${jupyter_pkgs[@]}")
[ "$want_test_deps" -eq 1 ] && pkgs+=("${test_pkgs[@]}")
if [ ${#pkgs[@]} -gt 0 ]; then
	if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
		install_pkgs "${pkgs[@]}"
	elif [ "$want_jupyter" -eq 1 ] && ! command -v jupyter >/dev/null 2>&1; then
		say "apt-get is not available and jupyter is not on PATH."
		say "Install Jupyter yourself, for example: python3 -m pip install --user notebook jupyter_console nbconvert nbclient ipykernel"
		say "then run ./install.sh --no-jupyter"
	else
		say "apt-get is not available: not installing ${pkgs[*]}"
	fi
fi

if [ "$deps_only" -eq 1 ]; then
	say "done (packages only)"
	exit 0
fi

# Go: on PATH, or where the official archive puts it.
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null 2>&1; then
	die "Go is not installed. goconc needs Go 1.26 or newer: download it from https://go.dev/dl/,
unpack it into /usr/local (tar -C /usr/local -xzf go1.26.*.linux-amd64.tar.gz), add /usr/local/go/bin
to PATH and run ./install.sh again. (A Go 1.21 or newer fetches the needed version by itself.)"
fi
say "using $(go version)"

shared_cache=/var/cache/goconc/build
if [ "$system" -eq 1 ]; then
	[ "$(id -u)" -eq 0 ] || die "--system installs for every user: run it as root (sudo ./install.sh --system)"
	# What root creates here, every user must be able to read.
	umask 022
	prefix="$(realpath -m "${prefix:-/usr/local}")"
	if [ "$prefix" != /usr/local ]; then
		# Everything under the prefix: a staged or throwaway install
		# leaves nothing elsewhere on the machine.
		shared_cache="${prefix}/var/cache/goconc/build"
	fi
	# Every user must reach what is installed for them: a prefix under a
	# private directory (root's home, mode 700) would leave students with
	# "Permission denied" or no kernel at all.
	dir="$prefix"
	while [ "$dir" != / ]; do
		if [ ! -e "$dir" ]; then # created below, mode 755
			dir="$(dirname "$dir")"
			continue
		fi
		mode="$(stat -c %A "$dir")"
		[ "${mode:9:1}" = x ] || [ "${mode:9:1}" = t ] ||
			die "--system: other users cannot enter ${dir} (mode ${mode}); choose a prefix every user can reach"
		dir="$(dirname "$dir")"
	done
fi
prefix="${prefix:-${HOME}/.local}"
bin="${prefix}/bin/goconc"
mkdir -p "${prefix}/bin"
say "building ${bin}"
# Built beside its destination and moved into place, so that kernels
# running the old binary keep running while it is replaced.
# The interpreter calls the cells' Lock, Unlock and the like without
# reflection in a patched copy of yaegi, which tools/yaegipatch makes from
# the module cache, which also keeps the instances of two generic types'
# methods of one name apart; a build without it is slower and keeps that
# fault.
gowork=off
if work="$(cd "$repo" && go run ./tools/yaegipatch)"; then
	gowork="$work"
else
	say "warning: building with yaegi unpatched (tools/yaegipatch failed, see above): sync in cells will be slower, and generic types with methods of one name will mix them up"
fi
(cd "$repo" && GOWORK="$gowork" go build -o "${bin}.new" ./cmd/goconc) || die "go build failed"
chmod 0755 "${bin}.new"
mv -f "${bin}.new" "$bin"

# %%native and %%race cells are built with the Go toolchain: build what they
# use (the race runtime too) now, so that the first such cell is not slow.
# For every user, into a shared layer of the build cache that each user's
# builds read but only root writes (goconc gocache).
if [ "$system" -eq 1 ]; then
	mkdir -p "$shared_cache"
	chmod 0755 "$(dirname "$shared_cache")" "$shared_cache"
	say "warming the shared build cache for native cells in $shared_cache"
	GOCACHEPROG="$bin gocache $shared_cache" "$bin" warm ||
		say "warning: goconc warm failed; %%native and %%race cells will build slowly the first time"
	say "registering the kernelspec for every user"
	# Limits for each student's kernel: add --env KEY=VALUE here or run
	# goconc install --system --env ... yourself (goconc install --help).
	if [ "$prefix" = /usr/local ]; then
		"$bin" install --system --env "GOCACHEPROG=$bin gocache --shared $shared_cache"
	else
		"$bin" install --prefix "$prefix" --env "GOCACHEPROG=$bin gocache --shared $shared_cache"
		say "note: Jupyter finds this kernelspec with JUPYTER_PATH=${prefix}/share/jupyter"
	fi
else
	say "warming the Go build cache for native cells"
	"$bin" warm || say "warning: goconc warm failed; %%native and %%race cells will build slowly the first time"
	say "registering the kernelspec"
	"$bin" install
fi

case ":${PATH}:" in
*":${prefix}/bin:"*) ;;
*) say "note: ${prefix}/bin is not on PATH; add it to run goconc by name (e.g. goconc run FILE.go)" ;;
esac
say "done: open the course with: jupyter notebook notebooks/"
