package chart_test

import (
	"fmt"
	"strings"
	"time"

	"goconc/lessons/chart"
)

// A bar per worker count. In a notebook, end with c.Show() instead of
// looking at the SVG text.
func ExampleBarChart() {
	c := &chart.BarChart{Title: "Speedup per worker count", XLabel: "workers", YLabel: "speedup"}
	for workers, speedup := range map[int]float64{1: 1, 2: 1.9, 4: 3.4} {
		c.Add(fmt.Sprint(workers), speedup)
	}
	svg := c.SVG()
	fmt.Println(strings.HasPrefix(svg, "<svg"), strings.Count(svg, `class="bar"`))
	// Output: true 3
}

// Two series on one chart get a legend.
func ExampleLineChart() {
	c := &chart.LineChart{Title: "Prime checks, 10 numbers", XLabel: "threads", YLabel: "seconds"}
	for _, p := range []struct{ threads, gil, noGIL float64 }{{1, 3.84, 3.84}, {2, 4.02, 1.95}, {4, 4.05, 1.93}} {
		c.Add("with the GIL", p.threads, p.gil)
		c.Add("without", p.threads, p.noGIL)
	}
	svg := c.SVG()
	fmt.Println(strings.Count(svg, `class="point"`), strings.Count(svg, `class="legend"`))
	// Output: 6 2
}

// Who held the GIL when: one row per thread.
func ExampleTimeline() {
	ms := time.Millisecond
	tl := &chart.Timeline{Title: "Two CPU-bound threads", Colors: map[string]string{"waiting": "#ddd"}}
	tl.Add("thread 0", "running", 0, 5*ms)
	tl.Add("thread 1", "waiting", 0, 5*ms)
	tl.Add("thread 1", "running", 5*ms, 10*ms)
	tl.Add("thread 0", "waiting", 5*ms, 10*ms)
	svg := tl.SVG()
	fmt.Println(strings.Count(svg, `class="span"`), strings.Contains(svg, "time (ms)"))
	// Output: 4 true
}

// Values that cannot be drawn are left out, and the chart says so.
func ExampleBarChart_notFinite() {
	var zero float64
	c := &chart.BarChart{}
	c.Add("ok", 2)
	c.Add("divided by zero", zero/zero)
	svg := c.SVG()
	fmt.Println(strings.Count(svg, `class="bar"`), strings.Contains(svg, "1 value not shown"))
	// Output: 1 true
}
