package native

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"goconc/display"
)

// testBuilder builds in a module under the test's temporary directory,
// sharing the user's build cache.
func testBuilder(t *testing.T) *Builder {
	t.Helper()
	return NewBuilder(BuilderOptions{CacheDir: t.TempDir()})
}

func build(t *testing.T, b *Builder, race bool, cells ...string) (*Program, error) {
	t.Helper()
	var earlier []Cell
	for i, c := range cells[:len(cells)-1] {
		earlier = append(earlier, Cell{Count: i + 1, Source: c})
	}
	p, err := b.Build(context.Background(), earlier, Cell{Count: len(cells), Source: cells[len(cells)-1]}, BuildOptions{Race: race})
	if err == nil {
		t.Cleanup(func() { p.Close() })
	}
	return p, err
}

func run(t *testing.T, p *Program) (Result, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	res, err := p.Run(context.Background(), RunOptions{Stdout: &out, Stderr: &errOut})
	if err != nil {
		t.Fatal(err)
	}
	return res, out.String(), errOut.String()
}

func TestRaceReportNamesCellLines(t *testing.T) {
	b := testBuilder(t)
	p, err := build(t, b, true,
		"import (\n\t\"fmt\"\n\t\"sync\"\n)\n",
		"var total int\n\nfunc add(wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\ttotal++\n}\n",
		"var wg sync.WaitGroup\nfor i := 0; i < 4; i++ {\n\twg.Add(1)\n\tgo add(&wg)\n}\nwg.Wait()\nfmt.Println(\"total\", total)\n")
	if err != nil {
		t.Fatal(err)
	}
	res, out, _ := run(t, p)
	if !strings.HasPrefix(out, "total ") { // racy: any total from 1 to 4
		t.Errorf("stdout %q", out)
	}
	if len(res.Races) == 0 {
		t.Fatalf("no race reported: %+v", res)
	}
	r := res.Races[0].Report
	t.Log(r)
	if res.Races[0].Variable != "total" {
		t.Errorf("variable %q", res.Races[0].Variable)
	}
	for _, want := range []string{"WARNING: DATA RACE", "cell[2]:5", "total++", "cell[3]:4", "go add(&wg)"} {
		if !strings.Contains(r, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(r, "runtime/") || strings.Contains(r, "sync/") {
		t.Errorf("report has frames outside cells")
	}
}

func TestStatementVariableError(t *testing.T) {
	b := testBuilder(t)
	_, err := build(t, b, false, "x := 3\n", "import \"fmt\"\n", "fmt.Println(x)\n")
	var be *BuildError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a BuildError", err)
	}
	t.Log(be)
	if len(be.Diagnostics) != 1 || be.Diagnostics[0].Cell != 3 || be.Diagnostics[0].Line != 1 ||
		!strings.Contains(be.Diagnostics[0].Message, "cell[1]") || !strings.Contains(be.Diagnostics[0].Message, "var x") {
		t.Errorf("diagnostics %v", be.Diagnostics)
	}
}

func TestDeadlockAndPanic(t *testing.T) {
	b := testBuilder(t)
	p, err := build(t, b, false, "ch := make(chan int)\n<-ch\n")
	if err != nil {
		t.Fatal(err)
	}
	res, _, stderr := run(t, p)
	if res.Failure == nil || res.Failure.Kind != "deadlock" {
		t.Fatalf("failure %+v, stderr %q", res.Failure, stderr)
	}
	t.Log(res.Failure.Report)
	if !strings.Contains(res.Failure.Report, "cell[1]:2") {
		t.Errorf("report %q", res.Failure.Report)
	}
	p, err = build(t, b, false, "import \"os\"\nos.Stderr.WriteString(\"before\\n\")\nvar m map[string]int\nm[\"a\"] = 1\n")
	if err != nil {
		t.Fatal(err)
	}
	res, _, stderr = run(t, p)
	if res.Failure == nil || res.Failure.Kind != "panic" || stderr != "before\n" {
		t.Fatalf("failure %+v, stderr %q", res.Failure, stderr)
	}
	t.Log(res.Failure.Report)
}

// TestInterruptKillsGroup interrupts a program whose child would hold
// its output open for 60 s: Run returns once the whole group is killed,
// long before that (the bound only catches a wait for the child).
func TestInterruptKillsGroup(t *testing.T) {
	b := testBuilder(t)
	p, err := build(t, b, false, "import \"os/exec\"\nexec.Command(\"sleep\", \"60\").Start()\nfor {}\n")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	res, err := p.Run(ctx, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Interrupted || time.Since(start) > 30*time.Second {
		t.Errorf("res %+v after %v", res, time.Since(start))
	}
}

func TestDisplayFrames(t *testing.T) {
	b := testBuilder(t)
	p, err := build(t, b, false, "import (\n\t\"fmt\"\n\t\"goconc/display\"\n)\n", "fmt.Println(\"a\")\ndisplay.HTML(\"<b>x</b>\")\nfmt.Println(\"b\")\n")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var got []display.Message
	if _, err := p.Run(context.Background(), RunOptions{Stdout: &out, Display: func(m display.Message) { got = append(got, m) }}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "a\nb\n" || len(got) != 1 {
		t.Errorf("stdout %q, displays %v", out.String(), got)
	}
}

func TestSameCodeOtherCountsReusesProgram(t *testing.T) {
	b := testBuilder(t)
	decl := "func boom(n int) int {\n\tvar s []int\n\treturn s[n]\n}\n"
	stmt := "println(boom(3))\n"
	for i, counts := range [][2]int{{5, 9}, {12, 14}} {
		p, err := b.Build(context.Background(), []Cell{{Count: counts[0], Source: decl}}, Cell{Count: counts[1], Source: stmt}, BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Cached != (i == 1) {
			t.Errorf("build %d: cached %v", i, p.Cached)
		}
		res, _, _ := run(t, p)
		if res.Failure == nil {
			t.Fatalf("no failure: %+v", res)
		}
		for _, want := range []string{fmt.Sprintf("cell[%d]:3    return s[n]", counts[0]), fmt.Sprintf("cell[%d]:1    println(boom(3))", counts[1])} {
			if !strings.Contains(res.Failure.Report, want) {
				t.Errorf("report lacks %q:\n%s", want, res.Failure.Report)
			}
		}
	}
}

func TestConcurrentBuildsOfOneProgram(t *testing.T) {
	b := testBuilder(t)
	errs := make(chan error, 4)
	for i := 0; i < cap(errs); i++ {
		go func() {
			p, err := b.Build(context.Background(), nil, Cell{Count: 1, Source: "println(\"same\")\n"}, BuildOptions{Fresh: true})
			if err == nil {
				var res Result
				res, err = p.Run(context.Background(), RunOptions{})
				if err == nil && !res.OK() {
					err = fmt.Errorf("run: %+v", res)
				}
			}
			errs <- err
		}()
	}
	for i := 0; i < cap(errs); i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestFileProgramNamesFile(t *testing.T) {
	file := "                    \n\nimport \"fmt\"\n\nfunc main() {\n\tn := 0\n\tdone := make(chan bool)\n\tgo func() { n++; done <- true }()\n\tn++\n\t<-done\n\tfmt.Println(n)\n}\n"
	p, err := testBuilder(t).Build(context.Background(), []Cell{{Count: 1, Name: "solution.go", Source: file}}, Cell{Count: 2, Source: "main()"}, BuildOptions{Race: true})
	if err != nil {
		t.Fatal(err)
	}
	res, out, _ := run(t, p)
	if (out != "1\n" && out != "2\n") || len(res.Races) != 1 {
		t.Fatalf("stdout %q, result %+v", out, res)
	}
	for _, want := range []string{"solution.go:8    go func() { n++; done <- true }()", "solution.go:9    n++", "cell[2]:1    main()"} {
		if !strings.Contains(res.Races[0].Report, want) {
			t.Errorf("report lacks %q:\n%s", want, res.Races[0].Report)
		}
	}
}

func TestMemoryLimitAndIdleNotice(t *testing.T) {
	b := testBuilder(t)
	p, err := build(t, b, false, "var keep [][]byte\nfor i := 0; i < 100; i++ {\n\tb := make([]byte, 16<<20)\n\tfor j := range b {\n\t\tb[j] = 1\n\t}\n\tkeep = append(keep, b)\n}\nprintln(len(keep))\n")
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Run(context.Background(), RunOptions{MemoryLimit: 200 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if !res.MemoryExceeded || res.OK() {
		t.Errorf("over the limit: %+v", res)
	}

	p, err = build(t, b, false, "import \"time\"\ntime.Sleep(1500 * time.Millisecond)\n")
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	res, err = p.Run(context.Background(), RunOptions{Stderr: &stderr, IdleNotice: "idle\n", IdleAfter: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() || stderr.String() != "idle\n" {
		t.Errorf("result %+v, stderr %q", res, stderr.String())
	}
}

func TestImportsLessonsAndXSync(t *testing.T) {
	b := testBuilder(t)
	p, err := build(t, b, false, "import (\n\t\"fmt\"\n\n\t\"goconc/lessons/executor\"\n\t\"golang.org/x/sync/errgroup\"\n)\n",
		"var g errgroup.Group\nn := make([]int, 3)\nfor i := range n {\n\tg.Go(func() error { n[i] = i * i; return nil })\n}\ng.Wait()\nfmt.Println(n, executor.NewPool != nil)\n")
	if err != nil {
		t.Fatal(err)
	}
	res, out, stderr := run(t, p)
	if !res.OK() || out != "[0 1 4] true\n" {
		t.Errorf("result %+v, stdout %q, stderr %q", res, out, stderr)
	}
}

func TestModuleFile(t *testing.T) {
	got, err := moduleFile([]byte("module goconc\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/traefik/yaegi v0.16.1\n\tgolang.org/x/sync v0.24.0\n)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "module goconc\n\ngo 1.26.0\n\nrequire golang.org/x/sync v0.24.0\n"; string(got) != want {
		t.Errorf("go.mod:\n%s\nwant:\n%s", got, want)
	}
}
