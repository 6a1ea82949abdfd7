package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

// kernelSpec is the kernel.json Jupyter reads to start a kernel.
// See https://jupyter-client.readthedocs.io/en/stable/kernels.html.
type kernelSpec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata"`
}

// systemDataDir is the system-wide Jupyter data directory every user's
// Jupyter searches on Linux (jupyter_core's first SYSTEM_JUPYTER_PATH).
const systemDataDir = "/usr/local/share/jupyter"

// envFlags collects repeated --env KEY=VALUE flags.
type envFlags map[string]string

func (e envFlags) String() string { return "" }

func (e envFlags) Set(kv string) error {
	k, v, ok := strings.Cut(kv, "=")
	if !ok || k == "" {
		return fmt.Errorf("want KEY=VALUE, not %q", kv)
	}
	e[k] = v
	return nil
}

// installHost is what the install command learns from the machine it runs
// on. Tests substitute their own.
type installHost struct {
	goos string
	// executable returns the path of the running binary, as os.Executable.
	executable func() (string, error)
}

func runInstall(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	host := installHost{goos: runtime.GOOS, executable: os.Executable}
	return host.install(ctx, args, stdout, stderr)
}

// install parses the command line, as ipykernel's installer spells it, and
// writes the kernelspec directory.
func (h installHost) install(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	user := fs.Bool("user", false, "install for the current user (the default)")
	system := fs.Bool("system", false, "install for every user, in "+systemDataDir+"/kernels")
	env := envFlags{}
	fs.Var(env, "env", "set `KEY=VALUE` in the kernel's environment (repeatable), e.g. GOCONC_MEMORY_LIMIT=1GiB")
	sysPrefix := fs.Bool("sys-prefix", false, "install into sys.prefix of the Python that runs jupyter")
	prefix := fs.String("prefix", "", "install into `DIR`/share/jupyter/kernels")
	name := fs.String("name", "goconc", "kernelspec `name`")
	displayName := fs.String("display-name", "Go (goconc)", "name shown in Jupyter's kernel menus")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: goconc install [--user | --system | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT] [--env KEY=VALUE]...")
		fmt.Fprintln(stderr, "\nWrites the goconc kernelspec (kernel.json and logos) where Jupyter finds it.")
		fmt.Fprintln(stderr, "--user writes to the user's Jupyter data directory: $JUPYTER_DATA_DIR if set,")
		fmt.Fprintln(stderr, "else $XDG_DATA_HOME/jupyter or ~/.local/share/jupyter on Linux, ~/Library/Jupyter on macOS.")
		fmt.Fprintln(stderr, "--sys-prefix asks the Python named on the first line of the jupyter script on PATH")
		fmt.Fprintln(stderr, "(else python3 on PATH) for sys.prefix, and writes to PREFIX/share/jupyter/kernels.")
		fmt.Fprintln(stderr, "--system writes to "+systemDataDir+"/kernels, for every user of the machine.")
		fmt.Fprintln(stderr, "An install other users can see (--system, or a prefix they can reach) refuses a binary they cannot run.")
		fmt.Fprintln(stderr, "\nLimits for each kernel, set with --env (defaults in parentheses):")
		fmt.Fprintln(stderr, "  GOCONC_MEMORY_LIMIT  resident memory of the interpreter process (4GiB)")
		fmt.Fprintln(stderr, "  GOCONC_MAX_PROCS     cores a kernel's goroutines run on at once (all)")
		fmt.Fprintln(stderr, "  GOCONC_OUTPUT_LIMIT  text one cell may print before the rest is dropped (16MiB)")
		fmt.Fprintln(stderr, "\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	chosen := 0
	for _, set := range []bool{*user, *system, *sysPrefix, *prefix != ""} {
		if set {
			chosen++
		}
	}
	if chosen > 1 {
		return errors.New("choose one of --user, --system, --sys-prefix and --prefix")
	}
	if !validKernelName(*name) {
		return fmt.Errorf("invalid kernel name %q: use letters, digits, '.', '_' and '-'", *name)
	}

	var dataDir string
	var err error
	switch {
	case *prefix != "":
		dataDir = filepath.Join(*prefix, "share", "jupyter")
	case *system:
		dataDir = systemDataDir
	case *sysPrefix:
		var p string
		p, err = jupyterSysPrefix(ctx)
		dataDir = filepath.Join(p, "share", "jupyter")
	default:
		dataDir, err = userDataDir(h.goos)
	}
	if err != nil {
		return err
	}
	dataDir, err = filepath.Abs(dataDir)
	if err != nil {
		return fmt.Errorf("resolving the Jupyter data directory: %w", err)
	}

	exe, err := h.executable()
	if err != nil {
		return fmt.Errorf("finding the goconc binary: %w", err)
	}
	// Jupyter starts the kernel long after this command has gone, maybe
	// from another directory: record the real file, not a link to it.
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return fmt.Errorf("finding the goconc binary: %w", err)
	}
	if exe, err = filepath.Abs(exe); err != nil {
		return fmt.Errorf("finding the goconc binary: %w", err)
	}

	// A spec other users can see must point at a binary they can run.
	if !*user && visibleToOthers(dataDir) {
		if err := runnableByAll(exe); err != nil {
			return fmt.Errorf("refusing to install a kernelspec for every user: %w; install the binary in a system path first (./install.sh --system puts it in /usr/local/bin)", err)
		}
	}
	for k, v := range env {
		if err := checkLimit(k, v); err != nil {
			return fmt.Errorf("--env %s=%s: %w", k, v, err)
		}
	}

	spec := kernelSpec{
		Argv:          []string{exe, "kernel", "{connection_file}"},
		DisplayName:   *displayName,
		Language:      "go",
		InterruptMode: "message",
		Metadata:      map[string]any{"debugger": false},
	}
	if len(env) > 0 {
		spec.Env = env
	}
	dir := filepath.Join(dataDir, "kernels", *name)
	if err := writeKernelSpec(dir, spec); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Installed kernelspec %s in %s\n", *name, dir)
	return nil
}

// runnableByAll reports, as an error saying why not, whether every user
// of the machine can run the binary at path: the file is executable by
// others and every directory above it can be searched by others. A
// kernelspec shared with other users that points into one user's private
// home fails for all of them with "Permission denied".
func runnableByAll(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Mode().Perm()&0o001 == 0 {
		return fmt.Errorf("other users cannot run %s (mode %v)", path, fi.Mode().Perm())
	}
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		di, err := os.Stat(dir)
		if err != nil {
			return err
		}
		if di.Mode().Perm()&0o001 == 0 {
			return fmt.Errorf("other users cannot run %s: they cannot enter %s (mode %v)", path, dir, di.Mode().Perm())
		}
		if parent := filepath.Dir(dir); parent == dir {
			return nil
		}
	}
}

// visibleToOthers reports whether other users can reach dir: every
// existing directory from the root down to it can be searched by others.
// Directories the install creates are, by their mode 0755.
func visibleToOthers(dir string) bool {
	for d := dir; ; d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err == nil && fi.Mode().Perm()&0o001 == 0 {
			return false
		}
		if filepath.Dir(d) == d {
			return true
		}
	}
}

// validKernelName reports whether name is one jupyter_client accepts and
// names a directory of its own: the install replaces that directory.
func validKernelName(name string) bool {
	return name != "." && name != ".." && kernelNamePattern.MatchString(name)
}

var kernelNamePattern = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// userDataDir returns the per-user Jupyter data directory, found the way
// jupyter_core finds it.
func userDataDir(goos string) (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	if goos == "windows" {
		if d := os.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, "jupyter"), nil
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the Jupyter data directory: %w", err)
	}
	switch goos {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		return filepath.Join(home, ".jupyter", "data"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// jupyterSysPrefix returns sys.prefix of the Python that runs Jupyter:
// the interpreter on the #! line of the jupyter script on PATH, or else
// python3 on PATH. Several Pythons often live on one machine, and only
// the one that runs jupyter looks in its own prefix for kernels.
func jupyterSysPrefix(ctx context.Context) (string, error) {
	python, err := jupyterPython()
	if err != nil {
		return "", err
	}
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, python, "-c", "import sys; print(sys.prefix)")
	cmd.Stdout = &out
	cmd.Stderr = &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("asking %s for sys.prefix: %w: %s", python, err, strings.TrimSpace(errOut.String()))
	}
	p := strings.TrimSpace(out.String())
	if p == "" || !filepath.IsAbs(p) {
		return "", fmt.Errorf("asking %s for sys.prefix: got %q, want an absolute path", python, p)
	}
	return p, nil
}

// jupyterPython returns the path of the Python interpreter that owns the
// jupyter command.
func jupyterPython() (string, error) {
	script, err := exec.LookPath("jupyter")
	if err != nil {
		python, perr := exec.LookPath("python3")
		if perr != nil {
			return "", errors.New("--sys-prefix: neither jupyter nor python3 is on PATH; use --user or --prefix")
		}
		return python, nil
	}
	interp, err := scriptInterpreter(script)
	if err != nil {
		return "", fmt.Errorf("--sys-prefix: finding the Python that runs %s: %w", script, err)
	}
	return interp, nil
}

// scriptInterpreter reads the #! line of the script at path and returns
// the interpreter it names, looking through /usr/bin/env.
func scriptInterpreter(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	rest, ok := strings.CutPrefix(line, "#!")
	if !ok {
		return "", errors.New("it is not a script with a #! line")
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return "", errors.New("its #! line is empty")
	}
	if filepath.Base(fields[0]) != "env" {
		return fields[0], nil
	}
	for _, f := range fields[1:] {
		if strings.HasPrefix(f, "-") || strings.Contains(f, "=") {
			continue
		}
		return exec.LookPath(f)
	}
	return "", errors.New("its #! line runs env without a program")
}

// writeKernelSpec replaces dir with a kernelspec directory holding spec
// and the logos. It builds the new directory beside the old one and
// swaps them, so a failure leaves the previous install whole.
func writeKernelSpec(dir string, spec kernelSpec) error {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating kernelspec directory: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+"-")
	if err != nil {
		return fmt.Errorf("creating kernelspec directory: %w", err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("creating kernelspec directory: %w", err)
	}

	js, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding kernel.json: %w", err)
	}
	files := map[string][]byte{"kernel.json": append(js, '\n')}
	for _, size := range []int{32, 64} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, drawLogo(size)); err != nil {
			return fmt.Errorf("encoding logo: %w", err)
		}
		files[fmt.Sprintf("logo-%dx%d.png", size, size)] = buf.Bytes()
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return fmt.Errorf("writing kernelspec: %w", err)
		}
	}

	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("removing previous kernelspec: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("installing kernelspec: %w", err)
	}
	return nil
}

// Logo colours: the Go gopher's blue and white lettering.
var (
	logoBlue  = color.NRGBA{0x00, 0xAD, 0xD8, 0xFF}
	logoWhite = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
)

// drawLogo draws the kernel's logo, a blue rounded square with "go"
// lettered in white, at size×size pixels. Shapes are given in a unit
// square and each pixel is sampled on a grid, which smooths the edges
// at any size.
func drawLogo(size int) *image.NRGBA {
	const samples = 4 // per axis, per pixel
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var bg, fg int
			for sy := 0; sy < samples; sy++ {
				for sx := 0; sx < samples; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/samples) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/samples) / float64(size)
					if !inRoundedSquare(x, y, 0.2) {
						continue
					}
					bg++
					if inGoLettering(x, y) {
						fg++
					}
				}
			}
			img.SetNRGBA(px, py, blendLogo(bg, fg, samples*samples))
		}
	}
	return img
}

// blendLogo mixes white over blue by fg samples and sets the pixel's
// opacity by the bg samples that fall inside the square.
func blendLogo(bg, fg, total int) color.NRGBA {
	if bg == 0 {
		return color.NRGBA{}
	}
	mix := func(b, w uint8) uint8 {
		return uint8((int(b)*(bg-fg) + int(w)*fg) / bg)
	}
	return color.NRGBA{
		R: mix(logoBlue.R, logoWhite.R),
		G: mix(logoBlue.G, logoWhite.G),
		B: mix(logoBlue.B, logoWhite.B),
		A: uint8(255 * bg / total),
	}
}

// inRoundedSquare reports whether (x, y) lies in the unit square with
// corners rounded to radius r.
func inRoundedSquare(x, y, r float64) bool {
	if x < 0 || x > 1 || y < 0 || y > 1 {
		return false
	}
	cx := min(max(x, r), 1-r)
	cy := min(max(y, r), 1-r)
	return sq(x-cx)+sq(y-cy) <= r*r
}

// inGoLettering reports whether (x, y) lies on the letters "go": each
// letter a ring, the g with a stem and a hook below it.
func inGoLettering(x, y float64) bool {
	const (
		outer, inner = 0.165, 0.085
		top          = 0.42 // centre line of the rings
		hook         = 0.64 // centre of the g's hook
		gx, ox       = 0.305, 0.695
	)
	ring := func(cx, cy float64) bool {
		d := sq(x-cx) + sq(y-cy)
		return d <= outer*outer && d >= inner*inner
	}
	switch {
	case ring(gx, top), ring(ox, top):
		return true
	case x >= gx+inner && x <= gx+outer && y >= top && y <= hook:
		return true // the g's stem
	case y >= hook && ring(gx, hook):
		return true // the g's hook
	}
	return false
}

func sq(v float64) float64 { return v * v }
