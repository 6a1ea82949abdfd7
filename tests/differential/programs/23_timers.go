//go:build ignore

// Timers: time.After in a select, time.NewTimer with Stop and Reset, and a
// time.Ticker read a bounded number of times.
package main

import (
	"fmt"
	"time"
)

func main() {
	never := make(chan int)
	select {
	case v := <-never:
		fmt.Println("unexpected", v)
	case <-time.After(5 * time.Millisecond):
		fmt.Println("timed out waiting")
	}

	ready := make(chan int, 1)
	ready <- 7
	select {
	case v := <-ready:
		fmt.Println("got", v, "before the timeout")
	case <-time.After(time.Minute):
		fmt.Println("unexpected timeout")
	}

	t := time.NewTimer(time.Hour)
	fmt.Println("stop pending:", t.Stop(), "stop again:", t.Stop())
	t.Reset(time.Millisecond)
	<-t.C
	fmt.Println("fired after reset; stop fired:", t.Stop())

	// Since Go 1.23, Stop and Reset discard a value not yet received.
	t2 := time.NewTimer(time.Millisecond)
	time.Sleep(10 * time.Millisecond)
	t2.Stop()
	select {
	case <-t2.C:
		fmt.Println("stale value received")
	default:
		fmt.Println("no stale value after stop")
	}
	t2.Reset(2 * time.Millisecond)
	<-t2.C
	fmt.Println("reset timer fired once")

	// A tick's time is when it was due, give or take the moment the
	// runtime read the clock; under load two ticks can even come out of
	// order. What Go promises is that tick k is not due before k periods.
	const period = 2 * time.Millisecond
	started := time.Now()
	ticker := time.NewTicker(period)
	ticks := 0
	onSchedule := true
	for k := range 5 {
		at := <-ticker.C
		if at.Before(started.Add(time.Duration(k+1) * period)) {
			onSchedule = false
		}
		ticks++
	}
	ticker.Stop()
	fmt.Println("ticks:", ticks, "none early:", onSchedule)

	// A ticker in a select loop with a deadline and a done channel.
	tk := time.NewTicker(time.Millisecond)
	defer tk.Stop()
	done := make(chan struct{})
	count := 0
loop:
	for {
		select {
		case <-tk.C:
			// Ticks that arrive after done is closed compete with it
			// in the select, so they are not counted.
			if count < 10 {
				count++
				if count == 10 {
					close(done)
				}
			}
		case <-done:
			break loop
		}
	}
	fmt.Println("ticked until done:", count)

	tk.Reset(time.Millisecond)
	<-tk.C
	fmt.Println("ticker reset works")

	start := time.Now()
	deadline := time.After(30 * time.Millisecond)
	for {
		select {
		case <-deadline:
			// Not how many polls ran first: a program kept off the CPU
			// for 30 ms finds the deadline passed at its first select.
			fmt.Println("deadline reached, elapsed >= 30ms:", time.Since(start) >= 30*time.Millisecond)
			return
		default:
			time.Sleep(time.Millisecond)
		}
	}
}
