package procs

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// SwitchCost compares a context switch between two processes that share
// one CPU with a switch between two goroutines.
type SwitchCost struct {
	CPU int // the CPU the two processes were confined to
	// Process is one switch from a process to another on CPU: half a
	// round trip of one byte over two pipes, each half being a write, a
	// switch and a read.
	Process time.Duration
	// Syscalls is one write and one read of a byte on a pipe by the same
	// thread, with no switch: the part of Process that is not the switch.
	Syscalls time.Duration
	// Goroutine is one switch between two goroutines: half a round trip
	// over two unbuffered channels.
	Goroutine time.Duration
	Rounds    int // round trips measured, for processes and goroutines each
}

// Ratio returns how many goroutine switches one process switch costs.
func (c SwitchCost) Ratio() float64 {
	if c.Goroutine <= 0 {
		return 0
	}
	return float64(c.Process) / float64(c.Goroutine)
}

func (c SwitchCost) String() string {
	return fmt.Sprintf("process switch %v (pipe calls %v), goroutine switch %v: %.0f times as long",
		c.Process, c.Syscalls, c.Goroutine, c.Ratio())
}

// switchBatches is how many batches MeasureSwitch splits its rounds into;
// each figure is the median of its batches, so that a moment when other
// programs take the CPU moves it less.
const switchBatches = 5

// MeasureSwitch measures what a context switch costs, rounds round trips
// of each kind, in batches that take turns:
//
//   - two processes, this one and a cat(1) child, both confined to one
//     CPU, pass one byte back and forth over two pipes: each round trip
//     is two switches, since the one that writes must then wait for the
//     other to run. The pipes block in the kernel, with no poller between.
//   - one thread writes a byte to a pipe and reads it back, to tell how
//     much of that is the system calls rather than the switch.
//   - two goroutines pass a value back and forth over unbuffered
//     channels: Go's scheduler switches between them in the process,
//     without the kernel. Run it under GOMAXPROCS 1 to have both on one
//     thread, as the processes are on one CPU.
//
// It needs Linux. The child is stopped, and MeasureSwitch returns, when
// ctx is done.
func MeasureSwitch(ctx context.Context, rounds int) (SwitchCost, error) {
	cost := SwitchCost{Rounds: rounds}
	if rounds < switchBatches {
		return cost, fmt.Errorf("procs: MeasureSwitch needs at least %d rounds, got %d", switchBatches, rounds)
	}
	per := rounds / switchBatches
	var proc, sys, gor []time.Duration
	// measure runs in a goroutine locked to a thread that is confined to
	// cpu.
	err := onOneCPU(ctx, func(cpu int, roundTrip, pipeCalls func(n int) (time.Duration, error)) error {
		cost.CPU = cpu
		for range switchBatches {
			d, err := roundTrip(per)
			if err != nil {
				return err
			}
			proc = append(proc, d/time.Duration(2*per))
			if d, err = pipeCalls(per); err != nil {
				return err
			}
			sys = append(sys, d/time.Duration(per))
			// In a goroutine of its own: this one is locked to its
			// thread, and a locked goroutine that blocks hands its
			// processor to another thread, which would make every
			// switch an OS one.
			took := make(chan time.Duration)
			go func() { took <- goroutineRoundTrips(per) }()
			gor = append(gor, <-took/time.Duration(2*per))
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return cost, err
	}
	cost.Process, cost.Syscalls, cost.Goroutine = median(proc), median(sys), median(gor)
	return cost, nil
}

// goroutineRoundTrips times n round trips between two goroutines over
// unbuffered channels.
func goroutineRoundTrips(n int) time.Duration {
	ping, pong := make(chan struct{}), make(chan struct{})
	go func() {
		for range ping {
			pong <- struct{}{}
		}
	}()
	start := time.Now()
	for range n {
		ping <- struct{}{}
		<-pong
	}
	d := time.Since(start)
	close(ping)
	return d
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
