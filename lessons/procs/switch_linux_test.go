package procs

import (
	"errors"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestSchedAffinity checks the mask MeasureSwitch confines a thread with,
// as the kernel reports it.
func TestSchedAffinity(t *testing.T) {
	type result struct {
		cpu  int
		list string // the thread's Cpus_allowed_list
		err  error
	}
	done := make(chan result)
	go func() {
		// Never unlocked: the confined thread ends with the goroutine.
		runtime.LockOSThread()
		var allowed cpuMask
		if err := schedAffinity(syscall.SYS_SCHED_GETAFFINITY, 0, &allowed); err != nil {
			done <- result{err: err}
			return
		}
		cpu := 0
		for allowed[cpu/64]&(1<<(cpu%64)) == 0 {
			cpu++
		}
		var one cpuMask
		one[cpu/64] = 1 << (cpu % 64)
		if err := schedAffinity(syscall.SYS_SCHED_SETAFFINITY, 0, &one); err != nil {
			done <- result{err: err}
			return
		}
		status, err := os.ReadFile("/proc/thread-self/status")
		if err != nil {
			done <- result{err: err}
			return
		}
		for _, line := range strings.Split(string(status), "\n") {
			if list, ok := strings.CutPrefix(line, "Cpus_allowed_list:"); ok {
				done <- result{cpu: cpu, list: strings.TrimSpace(list)}
				return
			}
		}
		done <- result{err: errors.New("no Cpus_allowed_list in /proc/thread-self/status")}
	}()
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.list != strconv.Itoa(r.cpu) {
		t.Errorf("confined to CPU %d, the kernel says CPUs %s", r.cpu, r.list)
	}
}
