// Package chart draws the small SVG charts a lesson shows instead of a
// table: bars (a speedup per worker count), lines (time against workers,
// one line per series) and timelines (which thread or goroutine was doing
// what, and when).
//
// Each chart is a plain struct: fill it in, or build it up with Add, then
// call SVG for the image as text or Show to display it in the notebook.
// Values that are not finite numbers (NaN, ±Inf) cannot be drawn; they
// are left out and the chart says how many were left out, so a hole in
// the data never passes unnoticed.
package chart

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Default size of a chart, in pixels, when Width or Height is zero.
const (
	DefaultWidth  = 640
	DefaultHeight = 360
)

// palette holds the colours given to series, bars and span kinds in
// order. They are the Okabe-Ito colours, which stay distinguishable
// for readers with the common forms of colour blindness.
var palette = [...]string{
	"#0072B2", // blue
	"#E69F00", // orange
	"#009E73", // green
	"#D55E00", // vermillion
	"#CC79A7", // reddish purple
	"#56B4E9", // sky blue
	"#F0E442", // yellow
	"#000000", // black
}

// Layout constants shared by all charts, in pixels.
const (
	fontSize    = 12
	titleSize   = 15
	charWidth   = 7 // a generous average advance of a 12px sans-serif glyph
	marginRight = 20
	tickLength  = 5
	titleSpace  = 30 // above the plot when there is a title
	legendSpace = 22 // above the plot when there is a legend
	bottomSpace = 46 // below the plot: tick labels and the axis label
)

// canvas accumulates the text of one SVG document.
type canvas struct {
	b    strings.Builder
	w, h int
}

func newCanvas(width, height int, title string) *canvas {
	c := &canvas{w: width, h: height}
	if c.w <= 0 {
		c.w = DefaultWidth
	}
	if c.h <= 0 {
		c.h = DefaultHeight
	}
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="%d">`,
		c.w, c.h, c.w, c.h, fontSize)
	c.b.WriteString("\n")
	if title != "" {
		c.b.WriteString("<title>")
		c.b.WriteString(escape(title))
		c.b.WriteString("</title>\n")
	}
	fmt.Fprintf(&c.b, `<rect class="background" width="%d" height="%d" fill="white"/>`+"\n", c.w, c.h)
	if title != "" {
		c.text("title", float64(c.w)/2, 20, "middle", title, fmt.Sprintf(`font-size="%d" font-weight="bold"`, titleSize))
	}
	return c
}

func (c *canvas) String() string {
	return c.b.String() + "</svg>\n"
}

// text writes a text element. anchor is "start", "middle" or "end";
// extra is raw attribute text the caller has built from trusted parts.
func (c *canvas) text(class string, x, y float64, anchor, s, extra string) {
	fmt.Fprintf(&c.b, `<text class="%s" x="%s" y="%s" text-anchor="%s"`, class, num(x), num(y), anchor)
	if extra != "" {
		c.b.WriteString(" ")
		c.b.WriteString(extra)
	}
	c.b.WriteString(">")
	c.b.WriteString(escape(s))
	c.b.WriteString("</text>\n")
}

// rect writes a rectangle with an optional tooltip.
func (c *canvas) rect(class string, x, y, w, h float64, fill, tooltip string) {
	fmt.Fprintf(&c.b, `<rect class="%s" x="%s" y="%s" width="%s" height="%s" fill="%s"`,
		class, num(x), num(y), num(math.Max(w, 0)), num(math.Max(h, 0)), escape(fill))
	if tooltip == "" {
		c.b.WriteString("/>\n")
		return
	}
	c.b.WriteString("><title>")
	c.b.WriteString(escape(tooltip))
	c.b.WriteString("</title></rect>\n")
}

func (c *canvas) line(class string, x1, y1, x2, y2 float64, stroke string) {
	fmt.Fprintf(&c.b, `<line class="%s" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n",
		class, num(x1), num(y1), num(x2), num(y2), escape(stroke))
}

func (c *canvas) raw(s string) { c.b.WriteString(s) }

// escape returns s made safe for XML text and attribute values. Bytes
// that are not valid UTF-8 and characters XML forbids become U+FFFD.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writing to a strings.Builder cannot fail
	return b.String()
}

// num formats a coordinate compactly: one decimal, no trailing ".0".
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}

// finite reports whether v can be drawn.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// scale maps data values in [lo, hi] to pixels in [p0, p1].
type scale struct {
	lo, hi float64
	p0, p1 float64
}

func (s scale) px(v float64) float64 {
	if s.hi == s.lo {
		return s.p0
	}
	return s.p0 + (v-s.lo)/(s.hi-s.lo)*(s.p1-s.p0)
}

// niceTicks returns round tick values (1, 2 or 5 times a power of ten
// apart) that cover [lo, hi] with about n intervals, and their spacing.
// An empty range is widened so that it still gets an axis.
func niceTicks(lo, hi float64, n int) (ticks []float64, step float64) {
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		if lo == 0 {
			hi = 1
		} else {
			d := math.Abs(lo) / 2
			lo, hi = lo-d, hi+d
		}
	}
	if n < 1 {
		n = 1
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / mag; {
	case f <= 1:
		step = mag
	case f <= 2:
		step = 2 * mag
	case f <= 5:
		step = 5 * mag
	default:
		step = 10 * mag
	}
	first := math.Floor(lo/step+1e-9) * step
	last := math.Ceil(hi/step-1e-9) * step
	count := int(math.Round((last-first)/step)) + 1
	for i := 0; i < count; i++ {
		v := first + float64(i)*step
		if math.Abs(v) < step*1e-9 {
			v = 0 // no "-0" and no 1e-17 from rounding
		}
		ticks = append(ticks, v)
	}
	return ticks, step
}

// tickLabel formats a tick value with just the decimals its step needs.
func tickLabel(v, step float64) string {
	decimals := 0
	if step < 1 {
		decimals = int(-math.Floor(math.Log10(step) + 1e-9))
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if len(s) > 9 {
		s = strconv.FormatFloat(v, 'g', 3, 64)
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// formatValue formats a data value for a label or tooltip with at most
// three significant digits after the point, and no exponent for the
// magnitudes lessons use.
func formatValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	a := math.Abs(v)
	if a >= 1e15 || a < 1e-4 {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	decimals := 2 - int(math.Floor(math.Log10(a)))
	if decimals < 0 {
		decimals = 0
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// textWidth estimates how wide s is drawn, in pixels.
func textWidth(s string) float64 {
	return float64(len([]rune(s)) * charWidth)
}

// skipNote is the sentence a chart shows when it left values out.
func skipNote(n int, what string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s not shown: not a finite number", what)
	}
	return fmt.Sprintf("%d %ss not shown: not finite numbers", n, what)
}

// yAxis draws the vertical axis with its ticks, grid lines and label,
// and returns the scale it drew.
func (c *canvas) yAxis(lo, hi float64, top, bottom, left, right float64, label string) scale {
	ticks, step := niceTicks(lo, hi, 5)
	s := scale{lo: ticks[0], hi: ticks[len(ticks)-1], p0: bottom, p1: top}
	c.raw(`<g class="y-axis">` + "\n")
	for _, t := range ticks {
		y := s.px(t)
		c.line("grid", left, y, right, y, "#e5e5e5")
		c.line("tick", left-tickLength, y, left, y, "#333")
		c.text("tick-label", left-tickLength-3, y+4, "end", tickLabel(t, step), "")
	}
	c.line("axis", left, top, left, bottom, "#333")
	if label != "" {
		x, y := 14.0, (top+bottom)/2
		c.text("axis-label", x, y, "middle", label, fmt.Sprintf(`transform="rotate(-90 %s %s)"`, num(x), num(y)))
	}
	c.raw("</g>\n")
	return s
}

// yTickWidth is the room the y tick labels need for data in [lo, hi].
func yTickWidth(lo, hi float64) float64 {
	ticks, step := niceTicks(lo, hi, 5)
	w := 0.0
	for _, t := range ticks {
		w = math.Max(w, textWidth(tickLabel(t, step)))
	}
	return w
}

// legend draws coloured keys left to right, starting at x, y.
func (c *canvas) legend(x, y float64, names, colors []string) {
	c.raw(`<g class="legend-box">` + "\n")
	for i, name := range names {
		c.rect("legend-key", x, y-9, 10, 10, colors[i], "")
		c.text("legend", x+14, y, "start", name, "")
		x += 14 + textWidth(name) + 16
	}
	c.raw("</g>\n")
}

// legendWidth is how wide legend draws names.
func legendWidth(names []string) float64 {
	w := 0.0
	for _, name := range names {
		w += 14 + textWidth(name) + 16
	}
	return w - 16
}
