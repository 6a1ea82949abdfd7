package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// installFixture is a fake machine for the installer: a home directory,
// a PATH holding a jupyter script whose Python reports a prefix, and a
// goconc binary reached through a symbolic link.
type installFixture struct {
	root    string
	home    string
	exe     string // the real binary
	exeLink string // a link to it, which os.Executable may report
	prefix  string // sys.prefix the fake Python prints
	bin     string // a directory for PATH
}

func newInstallFixture(t *testing.T) installFixture {
	t.Helper()
	root := t.TempDir()
	f := installFixture{
		root:    root,
		home:    filepath.Join(root, "home"),
		exe:     filepath.Join(root, "opt", "goconc"),
		exeLink: filepath.Join(root, "links", "goconc"),
		prefix:  filepath.Join(root, "venv"),
		bin:     filepath.Join(root, "bin"),
	}
	// t.TempDir is private to its owner; a machine's binary directories
	// are not, and shared installs check that.
	for _, d := range []string{root, filepath.Dir(root)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{f.home, filepath.Dir(f.exe), filepath.Dir(f.exeLink), f.bin} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeExecutable(t, f.exe, "#!/bin/sh\n")
	if err := os.Symlink(f.exe, f.exeLink); err != nil {
		t.Fatal(err)
	}
	// Only HOME, PATH and the variables under test may steer the
	// installer: clear whatever the machine running the tests has set.
	for _, v := range []string{"JUPYTER_DATA_DIR", "XDG_DATA_HOME", "APPDATA"} {
		t.Setenv(v, "")
	}
	t.Setenv("HOME", f.home)
	t.Setenv("PATH", f.bin)
	return f
}

// addJupyter puts a jupyter script on the fixture's PATH whose #! line is
// shebang, and a fake Python, named python, that prints the prefix.
func (f installFixture) addJupyter(t *testing.T, shebang func(python string) string, python string) {
	t.Helper()
	py := filepath.Join(f.bin, python)
	writeExecutable(t, py, "#!/bin/sh\n[ \"$1\" = -c ] || exit 3\necho '"+f.prefix+"'\n")
	writeExecutable(t, filepath.Join(f.bin, "jupyter"), shebang(py)+"\nimport sys\n")
}

func writeExecutable(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestInstallDestination(t *testing.T) {
	tests := []struct {
		name    string
		goos    string
		env     map[string]string // values may name the fixture's root as $ROOT
		setup   func(t *testing.T, f installFixture)
		args    []string
		wantDir string // relative to the fixture's root
	}{
		{
			name:    "user default on linux",
			goos:    "linux",
			wantDir: "home/.local/share/jupyter/kernels/goconc",
		},
		{
			name:    "explicit --user",
			goos:    "linux",
			args:    []string{"--user"},
			wantDir: "home/.local/share/jupyter/kernels/goconc",
		},
		{
			name:    "XDG_DATA_HOME on linux",
			goos:    "linux",
			env:     map[string]string{"XDG_DATA_HOME": "$ROOT/xdg"},
			wantDir: "xdg/jupyter/kernels/goconc",
		},
		{
			name:    "JUPYTER_DATA_DIR wins over XDG_DATA_HOME",
			goos:    "linux",
			env:     map[string]string{"JUPYTER_DATA_DIR": "$ROOT/jd", "XDG_DATA_HOME": "$ROOT/xdg"},
			wantDir: "jd/kernels/goconc",
		},
		{
			name:    "macOS",
			goos:    "darwin",
			env:     map[string]string{"XDG_DATA_HOME": "$ROOT/xdg"},
			wantDir: "home/Library/Jupyter/kernels/goconc",
		},
		{
			name:    "JUPYTER_DATA_DIR on macOS",
			goos:    "darwin",
			env:     map[string]string{"JUPYTER_DATA_DIR": "$ROOT/jd"},
			wantDir: "jd/kernels/goconc",
		},
		{
			name:    "windows APPDATA",
			goos:    "windows",
			env:     map[string]string{"APPDATA": "$ROOT/appdata"},
			wantDir: "appdata/jupyter/kernels/goconc",
		},
		{
			name:    "--prefix",
			goos:    "linux",
			env:     map[string]string{"JUPYTER_DATA_DIR": "$ROOT/jd"},
			args:    []string{"--prefix", "$ROOT/pfx"},
			wantDir: "pfx/share/jupyter/kernels/goconc",
		},
		{
			name:    "--prefix= with --name",
			goos:    "linux",
			args:    []string{"--prefix=$ROOT/pfx", "--name", "go-course.2"},
			wantDir: "pfx/share/jupyter/kernels/go-course.2",
		},
		{
			name: "--sys-prefix from jupyter's #! line",
			goos: "linux",
			setup: func(t *testing.T, f installFixture) {
				f.addJupyter(t, func(py string) string { return "#!" + py }, "python3.99")
			},
			args:    []string{"--sys-prefix"},
			wantDir: "venv/share/jupyter/kernels/goconc",
		},
		{
			name: "--sys-prefix through /usr/bin/env",
			goos: "linux",
			setup: func(t *testing.T, f installFixture) {
				f.addJupyter(t, func(string) string { return "#!/usr/bin/env -S python3.99 -E" }, "python3.99")
			},
			args:    []string{"--sys-prefix"},
			wantDir: "venv/share/jupyter/kernels/goconc",
		},
		{
			name: "--sys-prefix without jupyter asks python3",
			goos: "linux",
			setup: func(t *testing.T, f installFixture) {
				writeExecutable(t, filepath.Join(f.bin, "python3"), "#!/bin/sh\necho '"+f.prefix+"'\n")
			},
			args:    []string{"--sys-prefix"},
			wantDir: "venv/share/jupyter/kernels/goconc",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newInstallFixture(t)
			expand := func(s string) string { return strings.ReplaceAll(s, "$ROOT", f.root) }
			for k, v := range tt.env {
				t.Setenv(k, expand(v))
			}
			if tt.setup != nil {
				tt.setup(t, f)
			}
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = expand(a)
			}
			host := installHost{goos: tt.goos, executable: func() (string, error) { return f.exeLink, nil }}
			var stdout, stderr bytes.Buffer
			if err := host.install(context.Background(), args, &stdout, &stderr); err != nil {
				t.Fatalf("install %q: %v\nstderr: %s", args, err, stderr.String())
			}
			dir := filepath.Join(f.root, tt.wantDir)
			if got := stdout.String(); !strings.Contains(got, dir) {
				t.Errorf("install printed %q, want it to name %s", got, dir)
			}
			spec := readSpec(t, dir)
			want := kernelSpec{
				Argv:          []string{f.exe, "kernel", "{connection_file}"},
				DisplayName:   "Go (goconc)",
				Language:      "go",
				InterruptMode: "message",
				Metadata:      map[string]any{"debugger": false},
			}
			if !reflect.DeepEqual(spec, want) {
				t.Errorf("kernel.json = %+v, want %+v", spec, want)
			}
			checkLogos(t, dir)
		})
	}
}

func readSpec(t *testing.T, dir string) kernelSpec {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec kernelSpec
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&spec); err != nil {
		t.Fatalf("kernel.json: %v\n%s", err, data)
	}
	return spec
}

func checkLogos(t *testing.T, dir string) {
	t.Helper()
	for _, tt := range []struct {
		file string
		size int
	}{{"logo-32x32.png", 32}, {"logo-64x64.png", 64}} {
		r, err := os.Open(filepath.Join(dir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if b := img.Bounds(); b.Dx() != tt.size || b.Dy() != tt.size {
			t.Errorf("%s is %dx%d, want %dx%d", tt.file, b.Dx(), b.Dy(), tt.size, tt.size)
		}
		// The logo must show both the blue ground and the white letters.
		var blue, white int
		for y := 0; y < tt.size; y++ {
			for x := 0; x < tt.size; x++ {
				r, g, b, a := img.At(x, y).RGBA()
				switch {
				case a < 0xffff:
				case r>>8 == 0xff && g>>8 == 0xff && b>>8 == 0xff:
					white++
				case r>>8 == uint32(logoBlue.R) && g>>8 == uint32(logoBlue.G) && b>>8 == uint32(logoBlue.B):
					blue++
				}
			}
		}
		total := tt.size * tt.size
		if blue < total/3 || white < total/20 {
			t.Errorf("%s has %d blue and %d white pixels of %d: not the logo", tt.file, blue, white, total)
		}
	}
}

func TestInstallErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		setup   func(t *testing.T, f installFixture)
		wantErr string
	}{
		{name: "two destinations", args: []string{"--user", "--prefix", "/x"}, wantErr: "choose one"},
		{name: "sys-prefix and prefix", args: []string{"--sys-prefix", "--prefix", "/x"}, wantErr: "choose one"},
		{name: "bad name", args: []string{"--name", "go/conc"}, wantErr: "invalid kernel name"},
		{name: "empty name", args: []string{"--name", ""}, wantErr: "invalid kernel name"},
		{name: "stray argument", args: []string{"extra"}, wantErr: "unexpected argument"},
		{name: "unknown flag", args: []string{"--global"}, wantErr: "flag provided but not defined"},
		{name: "system and user", args: []string{"--system", "--user"}, wantErr: "choose one"},
		{
			name: "system with a binary in a private directory",
			args: []string{"--system"},
			setup: func(t *testing.T, f installFixture) {
				if err := os.Chmod(filepath.Dir(f.exe), 0o700); err != nil {
					t.Fatal(err)
				}
			},
			wantErr: "they cannot enter",
		},
		{
			name: "sys-prefix with a binary others cannot run",
			args: []string{"--sys-prefix"},
			setup: func(t *testing.T, f installFixture) {
				f.addJupyter(t, func(py string) string { return "#!" + py }, "python3")
				if err := os.Chmod(f.exe, 0o750); err != nil {
					t.Fatal(err)
				}
			},
			wantErr: "other users cannot run",
		},
		{name: "env without a value", args: []string{"--env", "GOCONC_MAX_PROCS"}, wantErr: "KEY=VALUE"},
		{name: "bad core count", args: []string{"--env", "GOCONC_MAX_PROCS=0"}, wantErr: "positive number of cores"},
		{name: "bad memory limit", args: []string{"--env", "GOCONC_MEMORY_LIMIT=lots"}, wantErr: "positive size"},
		{name: "sys-prefix with nothing on PATH", args: []string{"--sys-prefix"}, wantErr: "neither jupyter nor python3"},
		{
			name: "sys-prefix with a binary jupyter",
			args: []string{"--sys-prefix"},
			setup: func(t *testing.T, f installFixture) {
				writeExecutable(t, filepath.Join(f.bin, "jupyter"), "\x7fELF")
			},
			wantErr: "not a script",
		},
		{
			name: "sys-prefix with a failing python",
			args: []string{"--sys-prefix"},
			setup: func(t *testing.T, f installFixture) {
				writeExecutable(t, filepath.Join(f.bin, "python3"), "#!/bin/sh\necho broken >&2\nexit 1\n")
			},
			wantErr: "broken",
		},
		{
			name: "sys-prefix with a python printing a relative path",
			args: []string{"--sys-prefix"},
			setup: func(t *testing.T, f installFixture) {
				writeExecutable(t, filepath.Join(f.bin, "python3"), "#!/bin/sh\necho usr\n")
			},
			wantErr: "want an absolute path",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newInstallFixture(t)
			if tt.setup != nil {
				tt.setup(t, f)
			}
			host := installHost{goos: "linux", executable: func() (string, error) { return f.exe, nil }}
			var stdout, stderr bytes.Buffer
			err := host.install(context.Background(), tt.args, &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error()+stderr.String(), tt.wantErr) {
				t.Fatalf("install %q = %v (stderr %q), want an error mentioning %q", tt.args, err, stderr.String(), tt.wantErr)
			}
			if entries, _ := os.ReadDir(filepath.Join(f.home, ".local")); len(entries) > 0 {
				t.Errorf("a failed install wrote into %s", filepath.Join(f.home, ".local"))
			}
		})
	}
}

// TestInstallEnv checks that --env puts the limits in the kernelspec's
// env, where Jupyter sets them for every kernel it starts.
func TestInstallEnv(t *testing.T) {
	f := newInstallFixture(t)
	host := installHost{goos: "linux", executable: func() (string, error) { return f.exe, nil }}
	pfx := filepath.Join(f.root, "pfx")
	args := []string{"--prefix", pfx, "--env", "GOCONC_MEMORY_LIMIT=1GiB", "--env", "GOCONC_MAX_PROCS=1", "--env", "GOCONC_OUTPUT_LIMIT=1MiB"}
	var stdout, stderr bytes.Buffer
	if err := host.install(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("install: %v\n%s", err, stderr.String())
	}
	dir := filepath.Join(pfx, "share", "jupyter", "kernels", "goconc")
	spec := readSpec(t, dir)
	want := map[string]string{"GOCONC_MEMORY_LIMIT": "1GiB", "GOCONC_MAX_PROCS": "1", "GOCONC_OUTPUT_LIMIT": "1MiB"}
	if !reflect.DeepEqual(spec.Env, want) {
		t.Errorf("env = %v, want %v", spec.Env, want)
	}
	for _, name := range []string{"", "kernel.json", "logo-32x32.png"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o004 == 0 {
			t.Errorf("%s is mode %v: other users cannot read it", filepath.Join(dir, name), fi.Mode().Perm())
		}
	}
}

func TestInstallHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := runInstall(context.Background(), []string{"--help"}, &stdout, &stderr)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("install --help = %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{"--sys-prefix", "JUPYTER_DATA_DIR", "prefix"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("help does not mention %s:\n%s", want, stderr.String())
		}
	}
}

// TestInstallOverwrites checks that installing again replaces the whole
// previous kernelspec, leftovers included, and leaves no temporary
// directories behind.
func TestInstallOverwrites(t *testing.T) {
	f := newInstallFixture(t)
	prefix := filepath.Join(f.root, "pfx")
	dir := filepath.Join(prefix, "share", "jupyter", "kernels", "goconc")
	install := func(exe, display string) {
		t.Helper()
		host := installHost{goos: "linux", executable: func() (string, error) { return exe, nil }}
		var stdout, stderr bytes.Buffer
		args := []string{"--prefix", prefix, "--display-name", display}
		if err := host.install(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("install: %v\n%s", err, stderr.String())
		}
	}
	install(f.exe, "first")
	stale := filepath.Join(dir, "stale.txt")
	if err := os.WriteFile(stale, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(f.root, "opt", "goconc2")
	writeExecutable(t, other, "#!/bin/sh\n")
	install(other, "second")

	spec := readSpec(t, dir)
	if spec.Argv[0] != other || spec.DisplayName != "second" {
		t.Errorf("after reinstall kernel.json has argv[0] %q, display name %q; want %q, %q",
			spec.Argv[0], spec.DisplayName, other, "second")
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("reinstall kept %s (stat: %v)", stale, err)
	}
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !reflect.DeepEqual(names, []string{"goconc"}) {
		t.Errorf("kernels directory holds %q, want only goconc", names)
	}
	checkLogos(t, dir)
}

// TestInstallRunningBinary installs through the real entry point and
// checks that kernel.json names the test binary itself.
func TestInstallRunningBinary(t *testing.T) {
	prefix := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := runInstall(context.Background(), []string{"--prefix", prefix}, &stdout, &stderr); err != nil {
		t.Fatalf("install: %v\n%s", err, stderr.String())
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		t.Fatal(err)
	}
	spec := readSpec(t, filepath.Join(prefix, "share", "jupyter", "kernels", "goconc"))
	if spec.Argv[0] != exe {
		t.Errorf("kernel.json argv[0] = %q, want the running binary %q", spec.Argv[0], exe)
	}
}

func TestValidKernelName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"goconc", true},
		{"Go-1.26_x", true},
		{"", false},
		{"go conc", false},
		{"../x", false},
		{".", false},
		{"..", false},
		{"gö", false},
	}
	for _, tt := range tests {
		if got := validKernelName(tt.name); got != tt.ok {
			t.Errorf("validKernelName(%q) = %v, want %v", tt.name, got, tt.ok)
		}
	}
}
