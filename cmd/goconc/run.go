package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"goconc/kernel/engine"
	"goconc/kernel/notebook"
)

// runFile runs a notebook's code cells in order, or a Go file's main, with
// the same engine as the kernel. It stops and exits non-zero at the first
// cell that fails, except a cell tagged raises-exception (nbconvert's
// convention for a cell meant to fail), which must fail: it is an error
// when it does not. A cell whose metadata sets goconc.interrupt_after (in
// seconds) is interrupted after that long, as the kernel's interrupt
// button would: the course shows what an interrupted loop prints.
func runFile(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "write the executed notebook to `FILE`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: goconc run [--out FILE] FILE.ipynb | FILE.go [--] [ARGS]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() < 1 {
		fs.Usage()
		return exitError(2)
	}
	path := fs.Arg(0)
	// What follows the file is the program's: os.Args and its flags.
	progArgs := fs.Args()[1:]
	if len(progArgs) > 0 && progArgs[0] == "--" {
		progArgs = progArgs[1:]
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var cells []runCell
	var nb *notebook.Notebook
	isProgram := strings.ToLower(filepath.Ext(path)) == ".go"
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ipynb":
		if len(progArgs) > 0 {
			return errors.New("arguments after the file apply to Go files only")
		}
		nb, err = notebook.Read(data)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for _, c := range nb.Cells {
			if c.Type == "code" {
				after, err := interruptAfter(c)
				if err != nil {
					return fmt.Errorf("%s: code cell %d: %w", path, len(cells)+1, err)
				}
				cells = append(cells, runCell{c.Source, c.HasTag(notebook.RaisesException), after})
			}
		}
	case ".go":
		if *out != "" {
			return errors.New("--out applies to notebooks only")
		}
		body, err := programBody(string(data))
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		cells = []runCell{{source: body}, {source: "main()"}}
	default:
		return fmt.Errorf("%s: want a .ipynb notebook or a .go file", path)
	}

	var interp engine.Interpreter
	if isProgram {
		interp, err = newProgram(ctx, path, progArgs)
	} else {
		interp, err = newInterpreter(ctx, stderr)
	}
	if err != nil {
		return err
	}
	defer interp.Close()

	failed := false
	status := 0 // the process's exit status
	n := 0
	for i, cell := range cells {
		rec := &recorder{stdout: stdout, stderr: stderr, stdin: bufio.NewReader(os.Stdin)}
		res := execute(engine.WithExecutionCount(ctx, i+1), interp, cell, rec)
		if res.Value != nil {
			rec.result(res.Value)
		}
		switch {
		case res.Exited:
			// os.Exit ends the program, with its status.
			failed, status = true, res.ExitCode
		case res.Err != nil && cell.raises:
			rec.fail(res.Err)
			fmt.Fprintf(stderr, "goconc run: code cell %d failed as its tag %s says it should; going on\n", i+1, notebook.RaisesException)
		case res.Err != nil:
			rec.fail(res.Err)
			failed, status = true, failureStatus(isProgram, res.Err)
		case cell.raises:
			fmt.Fprintf(stderr, "goconc run: code cell %d is tagged %s but did not fail\n", i+1, notebook.RaisesException)
			failed, status = true, 1
		}
		if nb != nil {
			n++
			c := codeCell(nb, i)
			count := n
			c.ExecutionCount = &count
			c.Outputs = rec.snapshot(count)
		}
		if failed {
			break
		}
	}
	if nb != nil && *out != "" {
		b, err := nb.Marshal()
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if status != 0 {
		return exitError(status)
	}
	return nil
}

// runCell is one cell to run, and whether it is meant to fail.
type runCell struct {
	source         string
	raises         bool          // tagged notebook.RaisesException
	interruptAfter time.Duration // 0: never
}

// execute runs one cell, and interrupts it after cell.interruptAfter, if
// set, by cancelling its context as the kernel's interrupt_request does.
func execute(ctx context.Context, interp engine.Interpreter, cell runCell, rec *recorder) engine.Result {
	if cell.interruptAfter <= 0 {
		return interp.Execute(ctx, cell.source, rec)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	t := time.AfterFunc(cell.interruptAfter, cancel)
	defer t.Stop()
	return interp.Execute(ctx, cell.source, rec)
}

// interruptAfter reads a cell's goconc.interrupt_after metadata: seconds
// after which running the notebook interrupts the cell. The lessons'
// refresh and tests give nbconvert the same rule (notebooks/nbconvert_config.py).
func interruptAfter(c *notebook.Cell) (time.Duration, error) {
	g, ok := c.Metadata["goconc"].(map[string]any)
	if !ok {
		return 0, nil
	}
	v, ok := g["interrupt_after"]
	if !ok {
		return 0, nil
	}
	secs, ok := v.(float64)
	if !ok || secs <= 0 || secs > 3600 {
		return 0, fmt.Errorf("goconc.interrupt_after is %v: want a number of seconds between 0 and 3600", v)
	}
	return time.Duration(secs * float64(time.Second)), nil
}

// failureStatus is the exit status after a cell failed: as a compiled
// Go program's, 2 for a panic or a fatal error such as a deadlock, and 1
// when the program does not compile (as go run); 1 for a notebook.
func failureStatus(isProgram bool, e *engine.CellError) int {
	if !isProgram {
		return 1
	}
	switch e.Name {
	case "CompileError", "SyntaxError":
		return 1
	}
	return 2
}

// programBody returns a package main file without its package clause, so
// that it can run as a cell; main is then called by a second cell.
func programBody(src string) (string, error) {
	lines := strings.SplitAfter(src, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		if t != "package main" && !strings.HasPrefix(t, "package main ") && !strings.HasPrefix(t, "package main//") {
			return "", errors.New("a Go file to run must be package main")
		}
		lines[i] = "\n" // keep line numbers
		return strings.Join(lines, ""), nil
	}
	return "", errors.New("empty Go file")
}

// codeCell returns the i-th code cell of nb.
func codeCell(nb *notebook.Notebook, i int) *notebook.Cell {
	for _, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		if i == 0 {
			return c
		}
		i--
	}
	return nil
}

// recorder prints a cell's output on a terminal and keeps it in nbformat
// form for --out.
type recorder struct {
	mu      sync.Mutex
	stdout  io.Writer
	stderr  io.Writer
	stdin   *bufio.Reader
	outputs []map[string]any
	ids     []string // display id of each output, for updates
}

func (r *recorder) Stream(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	w := r.stdout
	if name == "stderr" {
		w = r.stderr
	}
	io.WriteString(w, text)
	if n := len(r.outputs); n > 0 && r.outputs[n-1]["output_type"] == "stream" && r.outputs[n-1]["name"] == name {
		r.outputs[n-1]["text"] = r.outputs[n-1]["text"].(string) + text
		return
	}
	r.outputs = append(r.outputs, map[string]any{"output_type": "stream", "name": name, "text": text})
}

func (r *recorder) Display(d engine.Display) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch d.Op {
	case "clear":
		r.outputs, r.ids = nil, nil
		return
	case "update":
		for i, id := range r.ids {
			if id == d.ID {
				r.outputs[i]["data"] = d.Data
			}
		}
		return
	}
	if text, ok := d.Data["text/plain"].(string); ok {
		fmt.Fprintln(r.stdout, text)
	}
	meta := d.Metadata
	if meta == nil {
		meta = map[string]any{}
	}
	r.add(map[string]any{"output_type": "display_data", "data": d.Data, "metadata": meta}, d.ID)
}

func (r *recorder) Input(ctx context.Context, prompt string, password bool) (string, error) {
	fmt.Fprint(r.stdout, prompt)
	line, err := r.stdin.ReadString('\n')
	if err == io.EOF && line == "" {
		return "", io.EOF // the cell sees the end of its input
	}
	if err != nil && line == "" {
		return "", fmt.Errorf("reading standard input: %w", err)
	}
	return strings.TrimSuffix(line, "\n"), nil
}

func (r *recorder) result(bundle map[string]any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if text, ok := bundle["text/plain"].(string); ok {
		fmt.Fprintln(r.stdout, text)
	}
	r.add(map[string]any{"output_type": "execute_result", "data": bundle, "metadata": map[string]any{}}, "")
}

func (r *recorder) fail(e *engine.CellError) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, line := range e.Traceback {
		fmt.Fprintln(r.stderr, line)
	}
	r.add(map[string]any{"output_type": "error", "ename": e.Name, "evalue": e.Value, "traceback": e.Traceback}, "")
}

// snapshot returns the outputs so far, as cell number count's. A
// goroutine the cell started may still be adding to them.
func (r *recorder) snapshot(count int) []map[string]any {
	r.mu.Lock()
	defer r.mu.Unlock()
	outputs := make([]map[string]any, len(r.outputs))
	for i, o := range r.outputs {
		if o["output_type"] == "execute_result" {
			o["execution_count"] = count
		}
		outputs[i] = maps.Clone(o)
	}
	return outputs
}

func (r *recorder) add(output map[string]any, id string) {
	r.outputs = append(r.outputs, output)
	r.ids = append(r.ids, id)
}
