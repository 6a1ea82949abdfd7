package chart

import (
	"math"

	"goconc/display"
)

// BarChart compares one value per label, such as the speedup for each
// worker count. Bars grow from zero, so negative values point down.
type BarChart struct {
	Title  string
	XLabel string // names what the labels are, under the axis
	YLabel string // names the values, beside the axis
	Width  int    // pixels; zero means DefaultWidth
	Height int    // pixels; zero means DefaultHeight
	Color  string // any SVG colour; empty means the first palette colour
	Bars   []Bar
}

// Bar is one labelled value of a BarChart.
type Bar struct {
	Label string
	Value float64
}

// Add appends a bar.
func (c *BarChart) Add(label string, value float64) {
	c.Bars = append(c.Bars, Bar{Label: label, Value: value})
}

// Show displays the chart in the notebook.
func (c *BarChart) Show() *display.Handle { return display.SVG(c.SVG()) }

// SVG returns the chart as an SVG document. A bar whose value is not a
// finite number keeps its place on the axis, marked "n/a".
func (c *BarChart) SVG() string {
	cv := newCanvas(c.Width, c.Height, c.Title)
	lo, hi, skipped := 0.0, 0.0, 0
	for _, b := range c.Bars {
		if !finite(b.Value) {
			skipped++
			continue
		}
		lo, hi = math.Min(lo, b.Value), math.Max(hi, b.Value)
	}

	top := 16.0
	if c.Title != "" {
		top = titleSpace + 10
	}
	bottom := float64(cv.h) - bottomSpace
	left := 24 + yTickWidth(lo, hi) + tickLength + 4
	right := float64(cv.w) - marginRight
	ys := cv.yAxis(lo, hi, top, bottom, left, right, c.YLabel)
	zero := ys.px(0)

	color := c.Color
	if color == "" {
		color = palette[0]
	}
	n := len(c.Bars)
	band := (right - left) / math.Max(float64(n), 1)
	barWidth := math.Min(band*0.7, 90)
	labelEvery := labelStride(c.Bars, band)

	cv.raw(`<g class="bars">` + "\n")
	for i, b := range c.Bars {
		mid := left + band*(float64(i)+0.5)
		if i%labelEvery == 0 {
			cv.text("x-label", mid, bottom+tickLength+13, "middle", b.Label, "")
		}
		if !finite(b.Value) {
			cv.text("missing", mid, zero-4, "middle", "n/a", `fill="#999"`)
			continue
		}
		y := ys.px(b.Value)
		cv.rect("bar", mid-barWidth/2, math.Min(y, zero), barWidth, math.Abs(zero-y), color,
			b.Label+": "+formatValue(b.Value))
		if textWidth(formatValue(b.Value)) <= band {
			ly := y - 4
			if b.Value < 0 {
				ly = y + 13
			}
			cv.text("value", mid, ly, "middle", formatValue(b.Value), `fill="#333"`)
		}
	}
	cv.raw("</g>\n")

	cv.line("axis", left, zero, right, zero, "#333")
	if c.XLabel != "" {
		cv.text("axis-label", (left+right)/2, float64(cv.h)-8, "middle", c.XLabel, "")
	}
	switch {
	case n == 0:
		cv.text("note", (left+right)/2, (top+bottom)/2, "middle", "no data", `fill="#999"`)
	case skipped > 0:
		cv.text("note", right, top-6, "end", skipNote(skipped, "value"), `fill="#b00" font-style="italic"`)
	}
	return cv.String()
}

// labelStride is how many bars apart labels must be so that they do
// not overlap: 1 labels every bar.
func labelStride(bars []Bar, band float64) int {
	widest := 0.0
	for _, b := range bars {
		widest = math.Max(widest, textWidth(b.Label))
	}
	if band <= 0 {
		return 1
	}
	stride := int(math.Ceil((widest + 6) / band))
	if stride < 1 {
		stride = 1
	}
	return stride
}
