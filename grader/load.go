package grader

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"strconv"
	"strings"
)

// A timing is only as fair as the machine was quiet while it ran: other
// processes that take a core during the student's runs with N workers
// slow them, and nothing in the program's own clocks shows it. The
// kernel's account of all CPU time (/proc/stat) does: what the machine
// spent beyond the timed program's own CPU time was spent on others.

// clockTicks is the unit of /proc/stat, USER_HZ, which Linux fixes at
// 100 for every architecture it reports to user space.
const clockTicks = 100

// machineCPU returns the CPU seconds all processes of the machine have
// used since boot and the number of CPUs /proc/stat counts; ok is false
// where the file cannot be read.
func machineCPU() (seconds float64, cpus int, ok bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "cpu") {
			break
		}
		f := strings.Fields(line)
		if f[0] != "cpu" {
			cpus++
			continue
		}
		// user nice system idle iowait irq softirq steal: all but idle
		// and iowait is work. Guest time is already inside user.
		for i, v := range f[1:min(len(f), 9)] {
			if i == 3 || i == 4 {
				continue
			}
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				return 0, 0, false
			}
			seconds += float64(n) / clockTicks
		}
		ok = true
	}
	return seconds, cpus, ok
}

// othersLoad measures how many cores the machine's other processes kept
// busy while a program ran. Call it before the program starts; the
// function it returns takes the program's wall and CPU seconds and gives
// the cores, or NaN where it cannot tell: no /proc/stat, or one that
// counts more CPUs than the grader may use (a container's view of its
// host), whose other CPUs' work takes nothing from the program.
func othersLoad(cores int) func(wall, cpu float64) float64 {
	before, cpus, ok := machineCPU()
	return func(wall, cpu float64) float64 {
		after, _, ok2 := machineCPU()
		if !ok || !ok2 || cpus != cores || wall <= 0 {
			return math.NaN()
		}
		// A tick's rounding can make a quiet machine look a little busy
		// or a little below zero.
		return max(0, (after-before-cpu)/wall)
	}
}
