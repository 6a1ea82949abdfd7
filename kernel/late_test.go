package kernel

import (
	"testing"
	"time"

	"goconc/kernel/wire"
)

// Text a cell's goroutines print after the cell's reply goes out under
// that cell's execute_request, while another cell runs and while none
// does, as ipykernel sends output of threads a cell started.
func TestLateOutputKeepsItsParent(t *testing.T) {
	k := startKernel(t)
	first := k.execute("print one\nlater g1 late while busy\nlater g2 late while idle", nil)
	k.reply(k.shellIn, first)
	k.outputs(first)

	second := k.execute("print two\nwait g3\nprint three", nil)
	waitForStream(t, k, second, "two\n")
	k.interp.open("g1")
	m := nextStream(t, k)
	if parentID(t, m) != first.Header.MsgID || content(t, m)["text"] != "late while busy\n" {
		t.Errorf("stream %v under %s, want %q under the first cell %s", content(t, m), parentID(t, m), "late while busy\n", first.Header.MsgID)
	}
	k.interp.open("g3")
	k.reply(k.shellIn, second)
	k.outputs(second)

	k.interp.open("g2")
	m = nextStream(t, k)
	if parentID(t, m) != first.Header.MsgID || content(t, m)["text"] != "late while idle\n" {
		t.Errorf("stream %v under %s, want %q under the first cell %s", content(t, m), parentID(t, m), "late while idle\n", first.Header.MsgID)
	}
}

// nextStream returns the next stream message on IOPub.
func nextStream(t *testing.T, k *testKernel) *wire.Message {
	t.Helper()
	timeout := time.After(waitTime)
	for {
		select {
		case m := <-k.iopubIn:
			if m.Header.MsgType == "stream" {
				return m
			}
		case <-timeout:
			t.Fatal("no stream message")
		}
	}
}
