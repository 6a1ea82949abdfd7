package chart

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"goconc/display"
)

// LineChart plots one or more series of (x, y) points, such as wall
// time against the number of workers, one series per way of running.
// The y axis always includes zero, so that the heights of points compare
// honestly; the x axis spans the data.
type LineChart struct {
	Title  string
	XLabel string
	YLabel string
	Width  int // pixels; zero means DefaultWidth
	Height int // pixels; zero means DefaultHeight
	Series []Series
}

// Series is one named line of a LineChart. Its points are drawn in
// order of X, whatever order they were added in.
type Series struct {
	Name   string
	Color  string // any SVG colour; empty means the series' palette colour
	Points []Point
}

// Point is one data point.
type Point struct {
	X, Y float64
}

// Add appends the point (x, y) to the series with the given name,
// starting that series if the chart has none by that name yet.
func (c *LineChart) Add(series string, x, y float64) {
	for i := range c.Series {
		if c.Series[i].Name == series {
			c.Series[i].Points = append(c.Series[i].Points, Point{x, y})
			return
		}
	}
	c.Series = append(c.Series, Series{Name: series, Points: []Point{{x, y}}})
}

// Show displays the chart in the notebook.
func (c *LineChart) Show() *display.Handle { return display.SVG(c.SVG()) }

// SVG returns the chart as an SVG document. Points with a coordinate
// that is not a finite number are left out, and the chart says so.
func (c *LineChart) SVG() string {
	cv := newCanvas(c.Width, c.Height, c.Title)

	// Gather the drawable points of each series and the data ranges.
	drawn := make([][]Point, len(c.Series))
	xlo, xhi := math.Inf(1), math.Inf(-1)
	ylo, yhi := 0.0, 0.0
	skipped, total := 0, 0
	for i, s := range c.Series {
		for _, p := range s.Points {
			total++
			if !finite(p.X) || !finite(p.Y) {
				skipped++
				continue
			}
			drawn[i] = append(drawn[i], p)
			xlo, xhi = math.Min(xlo, p.X), math.Max(xhi, p.X)
			ylo, yhi = math.Min(ylo, p.Y), math.Max(yhi, p.Y)
		}
		slices.SortStableFunc(drawn[i], func(a, b Point) int {
			switch {
			case a.X < b.X:
				return -1
			case a.X > b.X:
				return 1
			}
			return 0
		})
	}
	if math.IsInf(xlo, 1) { // no drawable point at all
		xlo, xhi = 0, 1
	}

	names, colors := c.legendEntries()
	top := 16.0
	if c.Title != "" {
		top = titleSpace + 10
	}
	if len(names) > 0 {
		top += legendSpace
	}
	bottom := float64(cv.h) - bottomSpace
	left := 24 + yTickWidth(ylo, yhi) + tickLength + 4
	right := float64(cv.w) - marginRight

	ys := cv.yAxis(ylo, yhi, top, bottom, left, right, c.YLabel)
	xs := cv.xAxis(xlo, xhi, left, right, bottom, c.XLabel)
	if len(names) > 0 {
		cv.legend(math.Max(left, (left+right)/2-legendWidth(names)/2), top-12, names, colors)
	}

	for i, pts := range drawn {
		color := c.seriesColor(i)
		fmt.Fprintf(&cv.b, `<g class="series" data-name="%s">`+"\n", escape(c.Series[i].Name))
		if len(pts) >= 2 {
			var coords strings.Builder
			for j, p := range pts {
				if j > 0 {
					coords.WriteByte(' ')
				}
				coords.WriteString(num(xs.px(p.X)) + "," + num(ys.px(p.Y)))
			}
			fmt.Fprintf(&cv.b, `<polyline class="line" points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n",
				coords.String(), escape(color))
		}
		for _, p := range pts {
			tip := formatValue(p.X) + ", " + formatValue(p.Y)
			if c.Series[i].Name != "" {
				tip = c.Series[i].Name + ": " + tip
			}
			fmt.Fprintf(&cv.b, `<circle class="point" cx="%s" cy="%s" r="3.5" fill="%s"><title>%s</title></circle>`+"\n",
				num(xs.px(p.X)), num(ys.px(p.Y)), escape(color), escape(tip))
		}
		cv.raw("</g>\n")
	}

	switch {
	case total == 0:
		cv.text("note", (left+right)/2, (top+bottom)/2, "middle", "no data", `fill="#999"`)
	case skipped > 0:
		cv.text("note", right, top-6-legendOffset(names), "end", skipNote(skipped, "point"), `fill="#b00" font-style="italic"`)
	}
	return cv.String()
}

// legendOffset keeps the skip note clear of the legend row.
func legendOffset(names []string) float64 {
	if len(names) > 0 {
		return legendSpace
	}
	return 0
}

// legendEntries names the series for the legend. A chart whose only
// series is unnamed needs no legend; unnamed series among several are
// numbered.
func (c *LineChart) legendEntries() (names, colors []string) {
	if len(c.Series) == 0 || len(c.Series) == 1 && c.Series[0].Name == "" {
		return nil, nil
	}
	for i, s := range c.Series {
		name := s.Name
		if name == "" {
			name = fmt.Sprintf("series %d", i+1)
		}
		names = append(names, name)
		colors = append(colors, c.seriesColor(i))
	}
	return names, colors
}

func (c *LineChart) seriesColor(i int) string {
	if col := c.Series[i].Color; col != "" {
		return col
	}
	return palette[i%len(palette)]
}

// xAxis draws the horizontal axis for values in [lo, hi] along the
// bottom of the plot and returns its scale.
func (c *canvas) xAxis(lo, hi, left, right, bottom float64, label string) scale {
	ticks, step := niceTicks(lo, hi, 6)
	s := scale{lo: ticks[0], hi: ticks[len(ticks)-1], p0: left, p1: right}
	c.raw(`<g class="x-axis">` + "\n")
	c.line("axis", left, bottom, right, bottom, "#333")
	for _, t := range ticks {
		x := s.px(t)
		c.line("tick", x, bottom, x, bottom+tickLength, "#333")
		c.text("tick-label", x, bottom+tickLength+13, "middle", tickLabel(t, step), "")
	}
	if label != "" {
		c.text("axis-label", (left+right)/2, float64(c.h)-8, "middle", label, "")
	}
	c.raw("</g>\n")
	return s
}
