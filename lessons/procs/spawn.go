package procs

import (
	"bufio"
	"context"
	"fmt"
	"time"
)

// SpawnCost compares starting a process with starting a goroutine.
type SpawnCost struct {
	Process   time.Duration // from Start to the child's first line of output
	Goroutine time.Duration // from go to the goroutine's first message
}

// Ratio returns how many goroutine starts one process start costs.
func (c SpawnCost) Ratio() float64 {
	if c.Goroutine <= 0 {
		return 0
	}
	return float64(c.Process) / float64(c.Goroutine)
}

func (c SpawnCost) String() string {
	return fmt.Sprintf("process %v, goroutine %v: %.0f times as long", c.Process, c.Goroutine, c.Ratio())
}

// readySource is the child MeasureSpawn starts: it says it is there.
const readySource = `package main

import "fmt"

func main() { fmt.Println("ready") }
`

// MeasureSpawn times how long a child process takes from being started to
// its first line of output, and how long a goroutine takes from go to its
// first message on a channel. The child is a Go program run as Start runs
// it, by goconc run unless the options say otherwise; with WithCommand it
// is that command, which should print a line.
func MeasureSpawn(ctx context.Context, opts ...Option) (SpawnCost, error) {
	var cost SpawnCost
	start := time.Now()
	p, err := Start(ctx, readySource, opts...)
	if err != nil {
		return cost, err
	}
	line, readErr := bufio.NewReader(p.Stdout()).ReadString('\n')
	cost.Process = time.Since(start)
	waitErr := p.Stop()
	switch {
	case readErr != nil && waitErr != nil:
		return cost, fmt.Errorf("procs: the child printed nothing: %w", waitErr)
	case readErr != nil:
		return cost, fmt.Errorf("procs: reading the child's first line: %w", readErr)
	case line == "":
		return cost, fmt.Errorf("procs: the child printed nothing")
	}

	start = time.Now()
	ready := make(chan struct{})
	go func() { ready <- struct{}{} }()
	<-ready
	cost.Goroutine = time.Since(start)
	return cost, nil
}
