package gocache

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The test binary serves as the go command's GOCACHEPROG when these are set.
const (
	ownEnv    = "GOCACHE_TEST_OWN"
	sharedEnv = "GOCACHE_TEST_SHARED"
)

func TestMain(m *testing.M) {
	if own := os.Getenv(ownEnv); own != "" {
		c := &Cache{Own: own, Shared: os.Getenv(sharedEnv)}
		if err := c.Serve(context.Background(), os.Stdin, os.Stdout); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestProtocol speaks the go command's side of the protocol.
func TestProtocol(t *testing.T) {
	shared, own := t.TempDir(), t.TempDir()
	// The shared layer holds one action, filled as an administrator would.
	admin := &Cache{Own: shared}
	if _, err := admin.put(request{ActionID: []byte{1}, OutputID: []byte{0xaa}}, []byte("shared body")); err != nil {
		t.Fatal(err)
	}

	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	enc.Encode(request{ID: 1, Command: "get", ActionID: []byte{2}})
	enc.Encode(request{ID: 2, Command: "put", ActionID: []byte{2}, OutputID: []byte{0xbb}, BodySize: 4})
	enc.Encode([]byte("mine"))
	enc.Encode(request{ID: 3, Command: "get", ActionID: []byte{2}})
	enc.Encode(request{ID: 4, Command: "get", ActionID: []byte{1}})
	enc.Encode(request{ID: 5, Command: "put", ActionID: []byte{3}, OutputID: []byte{0xcc}})
	enc.Encode(request{ID: 6, Command: "get", ActionID: []byte{3}})
	enc.Encode(request{ID: 7, Command: "frobnicate"})
	enc.Encode(request{ID: 8, Command: "close"})

	var out bytes.Buffer
	c := &Cache{Own: own, Shared: shared}
	if err := c.Serve(context.Background(), &in, &out); err != nil {
		t.Fatal(err)
	}
	var got []response
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var r response
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("response %q: %v", sc.Text(), err)
		}
		got = append(got, r)
	}
	if len(got) != 9 {
		t.Fatalf("got %d responses, want 9: %+v", len(got), got)
	}
	if strings.Join(got[0].KnownCommands, ",") != "get,put,close" {
		t.Errorf("first response %+v, want the known commands", got[0])
	}
	body := func(r response) string {
		b, err := os.ReadFile(r.DiskPath)
		if err != nil {
			t.Fatalf("response %d: %v", r.ID, err)
		}
		return string(b)
	}
	if !got[1].Miss {
		t.Errorf("get of an unknown action: %+v, want a miss", got[1])
	}
	if body(got[2]) != "mine" || !strings.HasPrefix(got[2].DiskPath, own) {
		t.Errorf("put: %+v, want a file in the own layer", got[2])
	}
	if body(got[3]) != "mine" || got[3].Size != 4 || !bytes.Equal(got[3].OutputID, []byte{0xbb}) {
		t.Errorf("get after put: %+v", got[3])
	}
	if body(got[4]) != "shared body" || !strings.HasPrefix(got[4].DiskPath, shared) {
		t.Errorf("get of a shared action: %+v, want the shared layer's file", got[4])
	}
	if got[6].Miss || got[6].Size != 0 || body(got[6]) != "" {
		t.Errorf("get of an empty output: %+v", got[6])
	}
	if got[7].Err == "" {
		t.Errorf("unknown command: %+v, want an error", got[7])
	}
	if got[8].ID != 8 {
		t.Errorf("close: %+v", got[8])
	}
	if entries, _ := os.ReadDir(filepath.Join(shared, "a")); len(entries) != 1 {
		t.Errorf("the shared layer holds %d actions after a user's puts, want 1", len(entries))
	}
}

// TestGoBuild has the go command build packages through the cache: an
// administrator's build fills the shared layer, and a user's build of the
// same packages then finds them there and writes none of its own. (The
// packages import nothing, so that the test does not build the runtime
// from scratch; the standard library's packages are cached alike.)
func TestGoBuild(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644)
	for _, pkg := range []string{"left", "right"} {
		os.MkdirAll(filepath.Join(src, pkg), 0o755)
		os.WriteFile(filepath.Join(src, pkg, pkg+".go"), []byte("package "+pkg+"\n\nfunc Twice(n int) int { return 2 * n }\n"), 0o644)
	}
	shared, user := t.TempDir(), t.TempDir()

	build := func(env ...string) {
		t.Helper()
		cmd := exec.Command("go", "build", "./...")
		cmd.Dir = src
		// GOWORK=off: the module is its own, whatever workspace the
		// tests run in (test.sh sets one for the patched interpreter).
		cmd.Env = append(os.Environ(), append(env, "GOCACHEPROG="+exe, "GOFLAGS=", "GOWORK=off", "GOCACHE="+t.TempDir())...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
	}
	build(ownEnv + "=" + shared)
	sharedOutputs := count(t, filepath.Join(shared, "o"))
	if sharedOutputs < 2 {
		t.Fatalf("the administrator's build left %d outputs in the shared layer", sharedOutputs)
	}
	build(ownEnv+"="+user, sharedEnv+"="+shared)
	// The go command may record a few small outputs of its own (build
	// metadata); what must not happen is building again what the shared
	// layer holds.
	for _, e := range entries(t, filepath.Join(user, "o")) {
		if _, err := os.Stat(filepath.Join(shared, "o", e)); err == nil {
			t.Errorf("the user's build wrote output %s again, which the shared layer has", e)
		}
	}
	if n := count(t, filepath.Join(shared, "o")); n != sharedOutputs {
		t.Errorf("the user's build changed the shared layer: %d outputs, was %d", n, sharedOutputs)
	}
}

func count(t *testing.T, dir string) int {
	t.Helper()
	return len(entries(t, dir))
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}
