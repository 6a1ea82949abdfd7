package kernel

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"goconc/kernel/wire"
)

// These tests run the server on real loopback sockets and talk to it
// the way Jupyter clients do.

func TestKernelInfo(t *testing.T) {
	k := startKernel(t)
	for _, ch := range []struct {
		name string
		sock zmq4.Socket
		in   chan *wire.Message
	}{{"shell", k.shell, k.shellIn}, {"control", k.control, k.controlIn}} {
		t.Run(ch.name, func(t *testing.T) {
			req := k.send(ch.sock, "kernel_info_request", map[string]any{})
			reply := k.reply(ch.in, req)
			if reply.Header.MsgType != "kernel_info_reply" || reply.Header.Version != "5.3" {
				t.Fatalf("reply header = %+v", reply.Header)
			}
			c := content(t, reply)
			li := c["language_info"].(map[string]any)
			want := map[string]any{
				"name": "go", "version": strings.TrimPrefix(runtime.Version(), "go"), "mimetype": "text/x-go",
				"file_extension": ".go", "pygments_lexer": "go", "codemirror_mode": "go",
			}
			for key, v := range want {
				if li[key] != v {
					t.Errorf("language_info[%q] = %v, want %v", key, li[key], v)
				}
			}
			if c["status"] != "ok" || c["protocol_version"] != "5.3" || c["implementation"] != "goconc" ||
				c["implementation_version"] != ImplementationVersion || c["banner"] == "" {
				t.Errorf("kernel_info_reply = %v", c)
			}
			if links, _ := c["help_links"].([]any); len(links) == 0 {
				t.Error("no help_links")
			}
			if got := types(k.outputs(req)); got != "status:busy status:idle" {
				t.Errorf("iopub = %s, want busy then idle", got)
			}
		})
	}
}

func TestHeartbeat(t *testing.T) {
	k := startKernel(t)
	for i := range 3 {
		ping := []byte("ping " + string(rune('a'+i)))
		if echo := k.ping(ping); len(echo.Frames) != 1 || !bytes.Equal(echo.Frames[0], ping) {
			t.Fatalf("echo = %q, want %q", echo.Frames, ping)
		}
	}
}

// The first output of a cell must reach the client while the cell still
// runs, long before the reply.
func TestStreamWhileRunning(t *testing.T) {
	k := startKernel(t)
	req := k.execute("print first\nwait g\nprint second", nil)
	timeout := time.After(waitTime)
	for got := false; !got; {
		select {
		case m := <-k.iopubIn:
			if m.Header.MsgType != "stream" {
				continue
			}
			if parentID(t, m) != req.Header.MsgID {
				t.Fatalf("stream parent = %s, want %s", parentID(t, m), req.Header.MsgID)
			}
			if c := content(t, m); c["name"] != "stdout" || c["text"] != "first\n" {
				t.Fatalf("stream = %v", c)
			}
			got = true
		case m := <-k.shellIn:
			t.Fatalf("%s arrived before the cell's first output", m.Header.MsgType)
		case <-timeout:
			t.Fatal("no stream message while the cell runs")
		}
	}
	k.interp.open("g")
	if c := content(t, k.reply(k.shellIn, req)); c["status"] != "ok" {
		t.Fatalf("reply = %v", c)
	}
}

func TestExecuteOutputs(t *testing.T) {
	k := startKernel(t)
	code := strings.Join([]string{
		"print out", "eprint err", "display d1 one", "update d1 two", "display - three",
		"clear wait", "print after", "value 42",
	}, "\n")
	req := k.execute(code, nil)
	reply := k.reply(k.shellIn, req)
	if reply.Header.MsgType != "execute_reply" {
		t.Fatalf("reply type %s", reply.Header.MsgType)
	}
	rc := content(t, reply)
	if rc["status"] != "ok" || rc["execution_count"] != 1.0 {
		t.Fatalf("reply = %v", rc)
	}
	out := k.outputs(req)
	want := "status:busy execute_input stream:stdout stream:stderr display_data update_display_data display_data clear_output stream:stdout execute_result status:idle"
	if got := types(out); got != want {
		t.Fatalf("iopub =\n %s\nwant\n %s", got, want)
	}
	checks := map[int]func(c map[string]any) bool{
		1: func(c map[string]any) bool { return c["code"] == code && c["execution_count"] == 1.0 },
		2: func(c map[string]any) bool { return c["text"] == "out\n" },
		3: func(c map[string]any) bool { return c["text"] == "err\n" },
		4: func(c map[string]any) bool {
			return c["data"].(map[string]any)["text/plain"] == "one" && c["transient"].(map[string]any)["display_id"] == "d1"
		},
		5: func(c map[string]any) bool {
			return c["data"].(map[string]any)["text/html"] == "<b>two</b>" && c["transient"].(map[string]any)["display_id"] == "d1"
		},
		6: func(c map[string]any) bool { _, ok := c["transient"]; return !ok && c["metadata"] != nil },
		7: func(c map[string]any) bool { return c["wait"] == true },
		9: func(c map[string]any) bool {
			return c["execution_count"] == 1.0 && c["data"].(map[string]any)["text/plain"] == "42"
		},
	}
	for i, ok := range checks {
		if c := content(t, out[i]); !ok(c) {
			t.Errorf("%s content = %v", out[i].Header.MsgType, c)
		}
	}
}

func TestExecutionCount(t *testing.T) {
	k := startKernel(t)
	tests := []struct {
		name      string
		extra     map[string]any
		wantCount float64
		wantIOPub string
	}{
		{"first", nil, 1, "status:busy execute_input execute_result status:idle"},
		{"second", nil, 2, "status:busy execute_input execute_result status:idle"},
		{"silent", map[string]any{"silent": true}, 2, "status:busy status:idle"},
		{"not stored", map[string]any{"store_history": false}, 2, "status:busy execute_input execute_result status:idle"},
		{"third", nil, 3, "status:busy execute_input execute_result status:idle"},
	}
	for _, tt := range tests {
		req := k.execute("value v", tt.extra)
		c := content(t, k.reply(k.shellIn, req))
		if c["execution_count"] != tt.wantCount {
			t.Errorf("%s: execution_count = %v, want %v", tt.name, c["execution_count"], tt.wantCount)
		}
		if got := types(k.outputs(req)); got != tt.wantIOPub {
			t.Errorf("%s: iopub = %s, want %s", tt.name, got, tt.wantIOPub)
		}
	}
}

func TestExecuteError(t *testing.T) {
	k := startKernel(t)
	req := k.execute("print before\nfail ValueError bad thing", map[string]any{"user_expressions": map[string]any{"x": "1+1"}})
	c := content(t, k.reply(k.shellIn, req))
	if c["status"] != "error" || c["ename"] != "ValueError" || c["evalue"] != "bad thing" || c["execution_count"] != 1.0 {
		t.Errorf("reply = %v", c)
	}
	if tb, _ := c["traceback"].([]any); len(tb) != 2 {
		t.Errorf("traceback = %v", c["traceback"])
	}
	if ue, _ := c["user_expressions"].(map[string]any); ue["x"].(map[string]any)["status"] != "error" {
		t.Errorf("user_expressions = %v, want an error for x", c["user_expressions"])
	}
	out := k.outputs(req)
	if got := types(out); got != "status:busy execute_input stream:stdout error status:idle" {
		t.Fatalf("iopub = %s", got)
	}
	if e := content(t, out[3]); e["ename"] != "ValueError" || e["evalue"] != "bad thing" {
		t.Errorf("error = %v", e)
	}
}

// After a failing cell, execute_requests that were already waiting are
// aborted, not run; later ones run.
func TestStopOnError(t *testing.T) {
	tests := []struct {
		name        string
		stopOnError bool
		want        []string
		wantRun     int // cells the interpreter runs
	}{
		{"stop", true, []string{"error", "aborted", "aborted", "ok"}, 2},
		{"carry on", false, []string{"error", "ok", "ok", "ok"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := startKernel(t)
			opts := map[string]any{"stop_on_error": tt.stopOnError}
			before := k.srv.shellQueue.last()
			reqs := []*wire.Message{
				k.execute("wait g\nfail E boom", opts),
				k.execute("set queued1 yes", nil),
				k.execute("set queued2 yes", nil),
			}
			// Let the failing cell go only once the others are queued.
			waitFor(t, func() bool { return k.srv.shellQueue.last() >= before+uint64(len(reqs)) })
			k.interp.open("g")
			var got []string
			for _, r := range reqs {
				got = append(got, content(t, k.reply(k.shellIn, r))["status"].(string))
			}
			later := k.execute("value after", nil)
			got = append(got, content(t, k.reply(k.shellIn, later))["status"].(string))
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("statuses = %v, want %v", got, tt.want)
			}
			// An aborted request is still bracketed by busy and idle.
			if o := types(k.outputs(reqs[1])); tt.stopOnError && o != "status:busy status:idle" {
				t.Errorf("iopub for an aborted request = %s", o)
			}
			if ran := len(k.interp.executed()); ran != tt.wantRun {
				t.Errorf("interpreter ran %d cells: %q", ran, k.interp.executed())
			}
		})
	}
}

// waitFor polls cond until it holds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitTime)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition never held")
		}
		time.Sleep(time.Millisecond)
	}
}

// A message with a bad signature, or none, or malformed frames, is
// dropped without effect, and the kernel goes on answering.
func TestBadMessagesDropped(t *testing.T) {
	k := startKernel(t)
	badKey, _ := wire.NewSigner(wire.DefaultSignatureScheme, []byte("not the key"))
	unsigned, _ := wire.NewSigner(wire.DefaultSignatureScheme, nil)
	frames := func(s *wire.Signer, code string) [][]byte {
		f, err := wire.Encode(k.message("execute_request", map[string]any{"code": "set " + code + " 1", "silent": false}), s)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	tampered := frames(k.signer, "tampered")
	tampered[len(tampered)-1] = []byte(`{"code":"set evil 1","silent":false}`)
	bad := []struct {
		name   string
		frames [][]byte
		log    string
	}{
		{"wrong key", frames(badKey, "wrongkey"), "bad signature"},
		{"unsigned", frames(unsigned, "unsigned"), "bad signature"},
		{"tampered", tampered, "bad signature"},
		{"no delimiter", [][]byte{[]byte("hello")}, "no <IDS|MSG> delimiter"},
		{"content not JSON", func() [][]byte {
			h := []byte(`{"msg_id":"x","msg_type":"execute_request","session":"s","username":"u","date":"","version":"5.3"}`)
			return [][]byte{[]byte(wire.Delimiter), []byte(k.signer.Sign(h, []byte("{}"), []byte("{}"), []byte("{code"))), h, []byte("{}"), []byte("{}"), []byte("{code")}
		}(), "content is not a JSON object"},
	}
	for _, b := range bad {
		k.sendFrames(k.shell, b.frames)
		k.sendFrames(k.control, b.frames)
	}
	// Messages on one socket are handled in order: once this is answered,
	// the bad ones have been seen.
	req := k.execute("value alive", nil)
	if c := content(t, k.reply(k.shellIn, req)); c["status"] != "ok" {
		t.Fatalf("reply after bad messages = %v", c)
	}
	if ran := k.interp.executed(); len(ran) != 1 {
		t.Errorf("interpreter ran %q; bad messages must not run", ran)
	}
	k.reply(k.controlIn, k.send(k.control, "kernel_info_request", map[string]any{}))
	logged := k.log.String()
	for _, b := range bad {
		if !strings.Contains(logged, b.log) {
			t.Errorf("%s: log lacks %q:\n%s", b.name, b.log, logged)
		}
	}
	if n := strings.Count(logged, "bad signature"); n != 6 {
		t.Errorf("logged %d bad signatures, want 6 (3 on each of shell and control)", n)
	}
	select {
	case m := <-k.shellIn:
		t.Errorf("unexpected %s on shell", m.Header.MsgType)
	default:
	}
}

func TestInterrupt(t *testing.T) {
	k := startKernel(t)
	k.reply(k.shellIn, k.execute("set x 7", nil))
	run := k.execute("print started\nblock", nil)
	waitForStream(t, k, run, "started\n")

	intr := k.send(k.control, "interrupt_request", map[string]any{})
	if c := content(t, k.reply(k.controlIn, intr)); c["status"] != "ok" {
		t.Errorf("interrupt_reply = %v", c)
	}
	if c := content(t, k.reply(k.shellIn, run)); c["status"] != "error" || c["ename"] != "interrupted" {
		t.Errorf("execute_reply = %v, want an interrupted error", c)
	}
	// The state from before the interrupt is still there.
	next := k.execute("value $x", nil)
	k.reply(k.shellIn, next)
	out := k.outputs(next)
	if c := content(t, out[len(out)-2]); c["data"].(map[string]any)["text/plain"] != "7" {
		t.Errorf("after interrupt, x = %v", c)
	}
}

// Interrupt, as SIGINT calls it, stops the running cell too.
func TestInterruptMethod(t *testing.T) {
	k := startKernel(t)
	run := k.execute("print started\nblock", nil)
	waitForStream(t, k, run, "started\n")
	k.srv.Interrupt()
	if c := content(t, k.reply(k.shellIn, run)); c["ename"] != "interrupted" {
		t.Errorf("execute_reply = %v, want an interrupted error", c)
	}
}

// waitForStream waits for a stream message of req with the given text.
func waitForStream(t *testing.T, k *testKernel, req *wire.Message, text string) {
	t.Helper()
	timeout := time.After(waitTime)
	for {
		select {
		case m := <-k.iopubIn:
			if m.Header.MsgType == "stream" && parentID(t, m) == req.Header.MsgID && content(t, m)["text"] == text {
				return
			}
		case <-timeout:
			t.Fatalf("no stream %q", text)
		}
	}
}

func TestStdin(t *testing.T) {
	k := startKernel(t)

	t.Run("answered", func(t *testing.T) {
		req := k.execute("input Your name: ", nil)
		var ir *wire.Message
		select {
		case ir = <-k.stdinIn:
		case <-time.After(waitTime):
			t.Fatal("no input_request on stdin")
		}
		if ir.Header.MsgType != "input_request" || parentID(t, ir) != req.Header.MsgID {
			t.Fatalf("got %s with parent %s", ir.Header.MsgType, parentID(t, ir))
		}
		if c := content(t, ir); c["prompt"] != "Your name: " || c["password"] != false {
			t.Errorf("input_request = %v", c)
		}
		k.answer(ir, "Gopher")
		if c := content(t, k.reply(k.shellIn, req)); c["status"] != "ok" {
			t.Fatalf("reply = %v", c)
		}
		waitForStream(t, k, req, "got: Gopher\n")
	})

	t.Run("password", func(t *testing.T) {
		req := k.execute("password Secret: ", nil)
		ir := k.inputRequest()
		if c := content(t, ir); c["password"] != true {
			t.Errorf("input_request = %v", c)
		}
		k.answer(ir, "hunter2")
		k.reply(k.shellIn, req)
	})

	t.Run("not allowed", func(t *testing.T) {
		req := k.execute("input Name: ", map[string]any{"allow_stdin": false})
		c := content(t, k.reply(k.shellIn, req))
		if c["status"] != "error" || !strings.Contains(c["evalue"].(string), "allow_stdin") {
			t.Errorf("reply = %v, want an error about allow_stdin", c)
		}
		select {
		case m := <-k.stdinIn:
			t.Errorf("kernel sent %s on stdin though allow_stdin is false", m.Header.MsgType)
		default:
		}
	})

	t.Run("interrupted", func(t *testing.T) {
		req := k.execute("input Waiting: ", nil)
		abandoned := k.inputRequest()
		k.reply(k.controlIn, k.send(k.control, "interrupt_request", map[string]any{}))
		if c := content(t, k.reply(k.shellIn, req)); c["status"] != "error" {
			t.Errorf("reply = %v, want an error", c)
		}
		// A late answer to the abandoned prompt must not answer the next.
		k.answer(abandoned, "stale")
		next := k.execute("input Again: ", nil)
		k.answer(k.inputRequest(), "fresh")
		k.reply(k.shellIn, next)
		waitForStream(t, k, next, "got: fresh\n")
	})
}

// TestStdinWithoutParent answers as jupyter_client does, naming no
// parent in the input_reply.
func TestStdinWithoutParent(t *testing.T) {
	k := startKernel(t)
	req := k.execute("input Name:", nil)
	k.inputRequest()
	k.send(k.stdin, "input_reply", map[string]any{"value": "anon"})
	k.reply(k.shellIn, req)
	waitForStream(t, k, req, "got: anon\n")
}

func TestShutdown(t *testing.T) {
	for _, channel := range []string{"control", "shell"} {
		t.Run(channel, func(t *testing.T) {
			k := startKernel(t)
			sock, in := k.control, k.controlIn
			if channel == "shell" {
				sock, in = k.shell, k.shellIn
			}
			req := k.send(sock, "shutdown_request", map[string]any{"restart": true})
			c := content(t, k.reply(in, req))
			if c["status"] != "ok" || c["restart"] != true {
				t.Errorf("shutdown_reply = %v", c)
			}
			if got := types(k.outputs(req)); got != "status:busy shutdown_reply status:idle" {
				t.Errorf("iopub = %s", got)
			}
			select {
			case err := <-k.served:
				k.served <- err // for the cleanup
				if err != nil {
					t.Errorf("Serve = %v", err)
				}
			case <-time.After(waitTime):
				t.Fatal("Serve did not return after shutdown_request")
			}
			if !k.interp.isClosed() {
				t.Error("interpreter not closed")
			}
		})
	}
}

// Shutting down stops a running cell.
func TestShutdownWhileRunning(t *testing.T) {
	k := startKernel(t)
	run := k.execute("print started\nblock", nil)
	waitForStream(t, k, run, "started\n")
	k.reply(k.controlIn, k.send(k.control, "shutdown_request", map[string]any{"restart": false}))
	select {
	case <-k.served:
		k.served <- nil
	case <-time.After(waitTime):
		t.Fatal("Serve did not return")
	}
}

func TestIntrospection(t *testing.T) {
	k := startKernel(t)
	tests := []struct {
		msgType string
		content map[string]any
		want    map[string]any
	}{
		{"complete_request", map[string]any{"code": "fmt.Pri", "cursor_pos": 7},
			map[string]any{"status": "ok", "cursor_start": 4.0, "cursor_end": 7.0, "matches": []any{"Printf", "Println"}}},
		// Cursor positions count code points: é is one, though two bytes.
		{"complete_request", map[string]any{"code": "é := fmt.Spr", "cursor_pos": 12},
			map[string]any{"cursor_start": 9.0, "cursor_end": 12.0, "matches": []any{"Sprintf"}}},
		{"complete_request", map[string]any{"code": "fmt.Pri"}, // no cursor: the end
			map[string]any{"cursor_end": 7.0}},
		{"complete_request", map[string]any{"code": "x", "cursor_pos": 99},
			map[string]any{"cursor_end": 1.0, "matches": []any{}}},
		{"inspect_request", map[string]any{"code": "fmt.Println", "cursor_pos": 6, "detail_level": 1},
			map[string]any{"status": "ok", "found": true, "data": map[string]any{"text/plain": "func Println(a ...any) (n int, err error) [cursor 6 of 11, detail 1]"}}},
		{"inspect_request", map[string]any{"code": "x", "cursor_pos": 1},
			map[string]any{"status": "ok", "found": false, "data": map[string]any{}}},
		{"is_complete_request", map[string]any{"code": "for {"}, map[string]any{"status": "incomplete", "indent": "\t"}},
		{"is_complete_request", map[string]any{"code": "x := 1"}, map[string]any{"status": "complete"}},
		// 1 MiB of open braces: the indent is capped.
		{"is_complete_request", map[string]any{"code": strings.Repeat("{", 1<<20)}, map[string]any{"status": "incomplete", "indent": strings.Repeat("\t", maxIndent)}},
		{"is_complete_request", map[string]any{"code": "}}"}, map[string]any{"status": "invalid"}},
		{"comm_info_request", map[string]any{}, map[string]any{"status": "ok", "comms": map[string]any{}}},
		{"connect_request", map[string]any{}, map[string]any{"status": "ok", "shell_port": float64(k.info.ShellPort), "hb_port": float64(k.info.HBPort)}},
		{"complete_request", map[string]any{"code": 5}, map[string]any{"status": "error", "ename": "BadRequest"}},
	}
	for _, tt := range tests {
		req := k.send(k.shell, tt.msgType, tt.content)
		reply := k.reply(k.shellIn, req)
		if want := replyFor(tt.msgType); reply.Header.MsgType != want {
			t.Errorf("%s: reply type %s, want %s", tt.msgType, reply.Header.MsgType, want)
		}
		got := content(t, reply)
		for key, v := range tt.want {
			if !jsonEqual(got[key], v) {
				t.Errorf("%s %v: %s = %#v, want %#v", tt.msgType, tt.content, key, got[key], v)
			}
		}
	}
}

// TestIntrospectionWhileRunning asks for completion, inspection and
// is_complete while a cell runs: the replies come before the cell ends.
func TestIntrospectionWhileRunning(t *testing.T) {
	k := startKernel(t)
	run := k.execute("wait G", nil)
	for _, r := range []struct {
		msgType string
		content map[string]any
	}{
		{"complete_request", map[string]any{"code": "fmt.Pri", "cursor_pos": 7}},
		{"inspect_request", map[string]any{"code": "fmt.Println", "cursor_pos": 6}},
		{"is_complete_request", map[string]any{"code": "for {"}},
	} {
		req := k.send(k.shell, r.msgType, r.content)
		if reply := k.reply(k.shellIn, req); content(t, reply)["status"] == "error" {
			t.Errorf("%s: %v", r.msgType, content(t, reply))
		}
	}
	k.interp.open("G")
	k.reply(k.shellIn, run)
}

func jsonEqual(a, b any) bool {
	return strings.TrimSpace(mustJSON(a)) == strings.TrimSpace(mustJSON(b))
}

func TestCommOpenClosed(t *testing.T) {
	k := startKernel(t)
	req := k.send(k.shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "jupyter.widget", "data": map[string]any{}})
	out := k.outputs(req)
	if got := types(out); got != "status:busy comm_close status:idle" {
		t.Fatalf("iopub = %s", got)
	}
	if c := content(t, out[1]); c["comm_id"] != "c1" {
		t.Errorf("comm_close = %v", c)
	}
}

func TestUnknownRequestIgnored(t *testing.T) {
	k := startKernel(t)
	req := k.send(k.shell, "frobnicate_request", map[string]any{})
	if got := types(k.outputs(req)); got != "status:busy status:idle" {
		t.Errorf("iopub = %s", got)
	}
	// Requests that need the interpreter are not served on control.
	k.send(k.control, "execute_request", map[string]any{"code": "set x 1"})
	k.reply(k.shellIn, k.execute("value ok", nil))
	k.reply(k.controlIn, k.send(k.control, "kernel_info_request", map[string]any{}))
	if ran := k.interp.executed(); len(ran) != 1 {
		t.Errorf("ran %q", ran)
	}
	for _, want := range []string{`shell: ignoring a message of unknown type "frobnicate_request"`, "control: ignoring execute_request, which is served on shell only"} {
		if !strings.Contains(k.log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, k.log)
		}
	}
}

func TestIPC(t *testing.T) {
	k := startKernelOn(t, ipcInfo(t))
	if !strings.HasPrefix(k.info.Endpoint(k.info.ShellPort), "ipc://") {
		t.Fatalf("endpoint %s", k.info.Endpoint(k.info.ShellPort))
	}
	req := k.execute("print hi\nvalue 1", nil)
	if c := content(t, k.reply(k.shellIn, req)); c["status"] != "ok" {
		t.Fatalf("reply = %v", c)
	}
	if got := types(k.outputs(req)); got != "status:busy execute_input stream:stdout execute_result status:idle" {
		t.Errorf("iopub = %s", got)
	}
	k.ping([]byte("ping"))
}

// A trivial cell's round trip: execute_request out, execute_reply and
// status idle back.
func BenchmarkExecuteRoundTrip(b *testing.B) {
	k := startKernel(b)
	for b.Loop() {
		req := k.execute("value 1", nil)
		k.reply(k.shellIn, req)
		k.outputs(req)
	}
}

// TestInspectionSyntax runs IPython's "name?" as a cell: the reply's
// payload pages the documentation and nothing is executed.
func TestInspectionSyntax(t *testing.T) {
	k := startKernel(t)
	req := k.execute("fmt.Println?", nil)
	c := content(t, k.reply(k.shellIn, req))
	page, _ := json.Marshal(c["payload"])
	if c["status"] != "ok" || !strings.Contains(string(page), `"source":"page"`) || !strings.Contains(string(page), "func Println") || !strings.Contains(string(page), "detail 0") {
		t.Errorf("reply = %v", c)
	}
	c = content(t, k.reply(k.shellIn, k.execute("??fmt.Println", nil)))
	if page, _ := json.Marshal(c["payload"]); !strings.Contains(string(page), "detail 1") {
		t.Errorf("??name: payload %s, want detail 1", page)
	}
	missing := k.execute("nothing?", nil)
	if got := types(k.outputs(missing)); !strings.Contains(got, "stream:stdout") {
		t.Errorf("unknown name: %s, want a stream saying it was not found", got)
	}
	if ran := k.interp.executed(); len(ran) != 0 {
		t.Errorf("cells run = %q, want none", ran)
	}
	for _, code := range []string{"x ? y", "a?b", "f()?", "???x", "?"} {
		if _, _, ok := inspectionSyntax(code); ok {
			t.Errorf("%q taken for inspection", code)
		}
	}
}
