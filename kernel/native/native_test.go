package native

import (
	"bytes"
	"context"
	"errors"
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
	if out != "total 4\n" {
		t.Errorf("stdout %q", out)
	}
	if len(res.Races) == 0 {
		t.Fatalf("no race reported: %+v", res)
	}
	r := res.Races[0].Report
	t.Log(r)
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
	if !res.Interrupted || time.Since(start) > 2*time.Second {
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
