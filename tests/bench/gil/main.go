// Command gil holds lesson 07's GIL simulator (goconc/lessons/gil)
// against real CPython. It runs the lesson's demos on the simulator and
// on every CPython it finds on the machine, interleaved, and prints one
// row per demo and CPython version: the medians and ranges of both, the
// shape each has, and whether the shapes agree.
//
//	go run ./tests/bench/gil [-runs 5] [-demos cpu,lost1000] [-python /usr/bin/python2.7]
//
// A CPython release is compared with the simulator's mode for it: 2.7
// with Python2, 3.2-3.9 with Python3{Minor: 9}, 3.10 and later with
// Python3{}. The CPython side of each demo is demos.py.
//
// The simulator is slower than CPython: a simulated bytecode costs 1 µs,
// a CPython bytecode 5-30 ns. So the demos agree on shapes (a ratio,
// an order, who waits how many intervals, whether updates are lost), not
// on seconds, and where the shape depends on how many bytecodes fit in
// a time (JD's runs demo, the Python 2 loops) each side gets a size that
// keeps that number comparable; the table says which.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"goconc/lessons/gil"
)

//go:embed demos.py
var demosPy []byte

// A python is one CPython found on the machine.
type python struct {
	path    string
	version string // "3.11"
	// recorded holds the release's figures when it is not on the
	// machine, by demo; nil for a CPython the bench runs.
	recorded map[string][]float64
	major    int
	minor    int
}

// mode returns the simulator's mode for the release.
func (p python) mode() gil.Mode {
	switch {
	case p.major == 2 || p.major == 3 && p.minor < 2:
		return gil.Python2{}
	case p.minor < 10:
		return gil.Python3{Minor: 9}
	default:
		return gil.Python3{}
	}
}

// runs reports whether the bench has demo d for p.
func (p python) runs(d demo) bool {
	if d.only != nil && !d.only(p) {
		return false
	}
	if p.recorded != nil {
		_, ok := p.recorded[d.name]
		return ok
	}
	return true
}

func (p python) py2() bool { return p.major == 2 || p.major == 3 && p.minor < 2 }

// A demo is measured once per run on each side; one run gives a number.
type demo struct {
	name string
	what string // the row's description
	unit string // how values print
	// only, if set, says which releases the demo is for.
	only func(p python) bool
	// args are demos.py's arguments; value reads the number it reports.
	args  func(p python) []string
	value func(out map[string]any) float64
	// sim runs the demo on the simulator in p's mode and returns the
	// number, and says what it ran.
	sim     func(p python) float64
	simWhat func(p python) string
	// shape classifies one run's number; the row's shape is the
	// commonest. verdict, if set, replaces the comparison of shapes.
	shape   func(p python, v float64) string
	verdict func(p python, sim, py []float64) (bool, string)
}

func main() {
	runs := flag.Int("runs", 5, "interleaved runs of every demo on each side")
	only := flag.String("demos", "", "comma-separated demos to run (default: all)")
	extra := flag.String("python", "", "comma-separated CPython interpreters to use besides those found")
	recorded := flag.Bool("recorded", true, "compare releases missing here (2.7, 3.9) with their recorded figures")
	flag.Parse()

	pythons, err := findPythons(strings.Split(*extra, ","))
	if err != nil {
		fmt.Fprintln(os.Stderr, "gil bench:", err)
		os.Exit(1)
	}
	if *recorded {
		for _, r := range recordedPythons {
			if !slices.ContainsFunc(pythons, func(p python) bool { return p.version == r.version }) {
				p := r.python
				p.recorded = r.values
				pythons = append(pythons, p)
			}
		}
	}
	script, err := writeScript()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gil bench:", err)
		os.Exit(1)
	}
	defer os.Remove(script)

	var chosen []demo
	for _, d := range demos() {
		if *only == "" || slices.Contains(strings.Split(*only, ","), d.name) {
			chosen = append(chosen, d)
		}
	}
	type key struct{ demo, version string }
	simVals := map[key][]float64{}
	pyVals := map[key][]float64{}
	failures := map[key]string{}
	startLoad := loadAverage()
	start := time.Now()
	for r := range *runs {
		for i, d := range chosen {
			for j := range pythons {
				// Rotate, so that neither side nor any release always
				// goes first.
				p := pythons[(j+r)%len(pythons)]
				if !p.runs(d) {
					continue
				}
				k := key{d.name, p.version}
				if p.recorded != nil {
					simVals[k] = append(simVals[k], d.sim(p))
					continue
				}
				sides := []func(){
					func() { simVals[k] = append(simVals[k], d.sim(p)) },
					func() {
						out, err := runPython(p, script, d.args(p))
						if err != nil {
							failures[k] = err.Error()
							return
						}
						pyVals[k] = append(pyVals[k], d.value(out))
					},
				}
				if (r+i)%2 == 1 {
					slices.Reverse(sides)
				}
				for _, side := range sides {
					side()
				}
			}
		}
		fmt.Fprintf(os.Stderr, "run %d of %d done (%v)\n", r+1, *runs, time.Since(start).Round(time.Second))
	}

	fmt.Printf("GIL simulator next to CPython: medians [min-max] of %d interleaved runs, %v in all\n", *runs, time.Since(start).Round(time.Second))
	fmt.Printf("Load average (1, 5, 15 min): %s at the start, %s at the end\n\n", startLoad, loadAverage())
	for _, p := range pythons {
		fmt.Printf("- CPython %s: %s, simulated as %v\n", p.version, p.path, p.mode())
	}
	fmt.Println()
	fmt.Println("| demo | CPython | shape | simulator | shape | same shape? |")
	fmt.Println("|---|---|---|---|---|---|")
	same, rows := 0, 0
	for _, d := range chosen {
		for _, p := range pythons {
			if !p.runs(d) {
				continue
			}
			k := key{d.name, p.version}
			sv, pv := simVals[k], pyVals[k]
			if p.recorded != nil {
				pv = p.recorded[d.name]
			}
			if msg, failed := failures[k]; failed || len(pv) == 0 {
				fmt.Printf("| %s | %s: failed: %s | | %s | | - |\n", d.what, p.version, msg, d.simWhat(p))
				continue
			}
			simShape, pyShape := commonest(d, p, sv), commonest(d, p, pv)
			ok := simShape == pyShape
			why := ""
			if d.verdict != nil {
				ok, why = d.verdict(p, sv, pv)
			}
			verdict := "no"
			if ok {
				verdict = "yes"
				same++
			}
			if why != "" {
				verdict += ": " + why
			}
			rows++
			version := p.version
			if p.recorded != nil {
				version += " (recorded)"
			}
			fmt.Printf("| %s | %s: %s | %s | %s: %s | %s | %s |\n",
				d.what, version, spread(pv, d.unit), pyShape, d.simWhat(p), spread(sv, d.unit), simShape, verdict)
		}
	}
	fmt.Printf("\n%d of %d rows have the same shape.\n", same, rows)
}

// commonest returns the shape most runs have.
func commonest(d demo, p python, vals []float64) string {
	count := map[string]int{}
	best := ""
	for _, v := range vals {
		s := d.shape(p, v)
		count[s]++
		if count[s] > count[best] || count[s] == count[best] && s < best {
			best = s
		}
	}
	return best
}

// spread prints the median and range of vals.
func spread(vals []float64, unit string) string {
	v := slices.Clone(vals)
	slices.Sort(v)
	f := func(x float64) string {
		switch unit {
		case "%":
			return fmt.Sprintf("%.0f%%", 100*x)
		case "ms":
			return fmt.Sprintf("%.2f", 1000*x)
		case "n":
			return fmt.Sprintf("%.0f", x)
		default:
			return fmt.Sprintf("%.2f", x)
		}
	}
	suffix := ""
	if unit == "ms" {
		suffix = " ms"
	}
	return fmt.Sprintf("%s [%s-%s]%s", f(v[len(v)/2]), f(v[0]), f(v[len(v)-1]), suffix)
}

// releases are the CPython releases the bench looks for: those the
// lesson names (2.7, the last 3.x before 3.10 moved the checks, and
// 3.10 on). Others run when named with -python.
var releases = []string{"2.7", "3.9", "3.10", "3.11", "3.12", "3.13"}

// findPythons returns the CPythons on the machine, one per release,
// Debian's python3 first. It looks on PATH and in pyenv's versions
// directory, whose interpreters pyenv's shims on PATH run only when a
// release is selected.
func findPythons(extra []string) ([]python, error) {
	candidates := []string{"/usr/bin/python3"}
	for _, r := range releases {
		if path, err := exec.LookPath("python" + r); err == nil {
			candidates = append(candidates, path)
		}
	}
	root := os.Getenv("PYENV_ROOT")
	if home, err := os.UserHomeDir(); root == "" && err == nil {
		root = filepath.Join(home, ".pyenv")
	}
	for _, r := range releases {
		matches, _ := filepath.Glob(filepath.Join(root, "versions", r+".*", "bin", "python"+r))
		slices.Sort(matches)
		candidates = append(candidates, matches...)
	}
	for _, e := range extra {
		if e != "" {
			candidates = append(candidates, e)
		}
	}
	var found []python
	seen := map[string]bool{}
	for _, path := range candidates {
		out, err := exec.Command(path, "-c", `import sys; print("%d %d" % sys.version_info[:2])`).Output()
		if err != nil {
			continue
		}
		var p python
		if _, err := fmt.Sscan(string(out), &p.major, &p.minor); err != nil {
			continue
		}
		p.path, p.version = path, fmt.Sprintf("%d.%d", p.major, p.minor)
		if !seen[p.version] {
			seen[p.version] = true
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("no CPython found (looked for %s)", strings.Join(candidates, ", "))
	}
	return found, nil
}

// loadAverage returns the machine's load averages, which say how much
// other work shared the cores with the bench: the convoy rows depend
// on how soon the OS runs a woken thread.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func writeScript() (string, error) {
	f, err := os.CreateTemp("", "goconc-gil-demos-*.py")
	if err != nil {
		return "", fmt.Errorf("writing demos.py: %w", err)
	}
	defer f.Close()
	if _, err := f.Write(demosPy); err != nil {
		return "", fmt.Errorf("writing demos.py: %w", err)
	}
	return f.Name(), nil
}

// runPython runs one demo on p and returns the JSON object it printed.
func runPython(p python, script string, args []string) (map[string]any, error) {
	var stderr bytes.Buffer
	cmd := exec.Command(p.path, append([]string{script}, args...)...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w: %s", p.path, strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	var v map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("%s %s printed %q: %w", p.path, strings.Join(args, " "), out, err)
	}
	return v, nil
}

func num(out map[string]any, key string) float64 {
	f, _ := out[key].(float64)
	return f
}
