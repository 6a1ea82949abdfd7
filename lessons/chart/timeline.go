package chart

import (
	"fmt"
	"math"
	"slices"
	"time"

	"goconc/display"
)

// Timeline shows what each of several threads or goroutines was doing
// over time: one row each, a coloured span for each stretch of activity,
// one colour per kind of activity ("running", "waiting", "I/O").
type Timeline struct {
	Title  string
	Width  int // pixels; zero means DefaultWidth
	Height int // pixels; zero fits the rows, up to DefaultHeight
	// Rows lists row names from top to bottom. A span whose row is not
	// listed gets a row of its own below the listed ones.
	Rows []string
	// Kinds fixes the order of the legend; kinds not listed follow in
	// order of first appearance. Only kinds that some span has are
	// shown.
	Kinds []string
	// Colors maps a kind to any SVG colour; other kinds get palette
	// colours.
	Colors map[string]string
	Spans  []Span
}

// Span is one stretch of activity: Row was doing Kind from Start to End,
// both measured from the same zero, such as the start of the program.
type Span struct {
	Row   string
	Kind  string
	Start time.Duration
	End   time.Duration
}

// Add appends a span.
func (t *Timeline) Add(row, kind string, start, end time.Duration) {
	t.Spans = append(t.Spans, Span{Row: row, Kind: kind, Start: start, End: end})
}

// Show displays the timeline in the notebook.
func (t *Timeline) Show() *display.Handle { return display.SVG(t.SVG()) }

// Row layout, in pixels.
const (
	rowHeight   = 26 // preferred height of a row when the chart fits it
	minHeight   = 140
	labelHeight = 12 // rows thinner than this do not all get a label
	maxLabel    = 22 // longer row names are cut short
	tooltipMax  = 1000
)

// SVG returns the timeline as an SVG document. A span that ends before
// it starts is left out, and the chart says so. Spans of the same row
// and kind that lie closer together than a pixel's worth of time are
// drawn as one, which keeps the document small when there are
// thousands of them.
func (t *Timeline) SVG() string {
	rows, rowIndex := t.rowOrder()
	kinds := t.kindOrder()
	colors := make([]string, len(kinds))
	for i, k := range kinds {
		colors[i] = t.kindColor(k, i)
	}

	height := t.Height
	top := 16.0
	if t.Title != "" {
		top = titleSpace + 10
	}
	if len(kinds) > 0 {
		top += legendSpace
	}
	if height <= 0 {
		height = int(top) + bottomSpace + rowHeight*max(len(rows), 1)
		height = min(max(height, minHeight), DefaultHeight)
	}
	cv := newCanvas(t.Width, height, t.Title)

	var hi time.Duration
	var lo time.Duration
	skipped := 0
	for _, s := range t.Spans {
		if s.End < s.Start {
			skipped++
			continue
		}
		lo, hi = min(lo, s.Start), max(hi, s.End)
	}
	unit, unitName := timeUnit(hi - lo)

	labelWidth := 0.0
	for _, r := range rows {
		labelWidth = math.Max(labelWidth, textWidth(shorten(r)))
	}
	left := math.Max(labelWidth+14, 40)
	right := float64(cv.w) - marginRight
	bottom := float64(cv.h) - bottomSpace
	xs := cv.xAxis(float64(lo)/unit, float64(hi)/unit, left, right, bottom, "time ("+unitName+")")
	if len(kinds) > 0 {
		cv.legend(math.Max(left, (left+right)/2-legendWidth(kinds)/2), top-12, kinds, colors)
	}

	rowH := (bottom - top) / float64(max(len(rows), 1))
	stride := max(int(math.Ceil(labelHeight/rowH)), 1)
	cv.raw(`<g class="rows">` + "\n")
	cv.line("axis", left, top, left, bottom, "#333")
	for i, r := range rows {
		if i%stride != 0 {
			continue
		}
		y := top + rowH*(float64(i)+0.5)
		cv.text("row-label", left-6, y+4, "end", shorten(r), fmt.Sprintf(`data-row="%s"`, escape(r)))
	}
	cv.raw("</g>\n")

	spans := mergeSpans(t.Spans, rowIndex, kinds, time.Duration(float64(hi-lo)/(right-left)))
	barH := math.Max(math.Min(rowH*0.7, 18), 0.5)
	cv.raw(`<g class="spans">` + "\n")
	for _, s := range spans {
		x0 := xs.px(float64(s.Start) / unit)
		x1 := xs.px(float64(s.End) / unit)
		y := top + rowH*(float64(rowIndex[s.Row])+0.5) - barH/2
		tip := ""
		if len(spans) <= tooltipMax {
			tip = fmt.Sprintf("%s %s: %s to %s %s", s.Row, s.Kind,
				formatValue(float64(s.Start)/unit), formatValue(float64(s.End)/unit), unitName)
		}
		cv.rect("span", x0, y, math.Max(x1-x0, 0.5), barH, colors[slices.Index(kinds, s.Kind)], tip)
	}
	cv.raw("</g>\n")

	switch {
	case len(t.Spans) == 0:
		cv.text("note", (left+right)/2, (top+bottom)/2, "middle", "no data", `fill="#999"`)
	case skipped > 0:
		note := fmt.Sprintf("%d spans not shown: they end before they start", skipped)
		if skipped == 1 {
			note = "1 span not shown: it ends before it starts"
		}
		cv.text("note", right, top-6-legendOffset(kinds), "end", note, `fill="#b00" font-style="italic"`)
	}
	return cv.String()
}

// rowOrder returns the rows top to bottom and each row's position.
func (t *Timeline) rowOrder() ([]string, map[string]int) {
	index := make(map[string]int)
	var rows []string
	add := func(r string) {
		if _, ok := index[r]; !ok {
			index[r] = len(rows)
			rows = append(rows, r)
		}
	}
	for _, r := range t.Rows {
		add(r)
	}
	for _, s := range t.Spans {
		add(s.Row)
	}
	return rows, index
}

// kindOrder returns the kinds the spans have, in legend order.
func (t *Timeline) kindOrder() []string {
	var kinds []string
	for _, k := range t.Kinds {
		used := slices.ContainsFunc(t.Spans, func(s Span) bool { return s.Kind == k })
		if used && !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	for _, s := range t.Spans {
		if !slices.Contains(kinds, s.Kind) {
			kinds = append(kinds, s.Kind)
		}
	}
	return kinds
}

func (t *Timeline) kindColor(kind string, i int) string {
	if c, ok := t.Colors[kind]; ok && c != "" {
		return c
	}
	return palette[i%len(palette)]
}

// mergeSpans returns the valid spans sorted by row, kind and start, with
// spans of the same row and kind joined when the gap between them is at
// most gap.
func mergeSpans(in []Span, rowIndex map[string]int, kinds []string, gap time.Duration) []Span {
	var spans []Span
	for _, s := range in {
		if s.End >= s.Start {
			spans = append(spans, s)
		}
	}
	slices.SortFunc(spans, func(a, b Span) int {
		if d := rowIndex[a.Row] - rowIndex[b.Row]; d != 0 {
			return d
		}
		if d := slices.Index(kinds, a.Kind) - slices.Index(kinds, b.Kind); d != 0 {
			return d
		}
		switch {
		case a.Start < b.Start:
			return -1
		case a.Start > b.Start:
			return 1
		}
		return 0
	})
	var out []Span
	for _, s := range spans {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.Row == s.Row && last.Kind == s.Kind && s.Start-last.End <= gap {
				last.End = max(last.End, s.End)
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// timeUnit picks the unit the axis counts in, so that its numbers are
// neither tiny nor huge, and returns its length and name.
func timeUnit(d time.Duration) (float64, string) {
	switch {
	case d >= 2*time.Second:
		return float64(time.Second), "s"
	case d >= 2*time.Millisecond:
		return float64(time.Millisecond), "ms"
	case d >= 2*time.Microsecond:
		return float64(time.Microsecond), "µs"
	}
	return 1, "ns"
}

// shorten cuts a row name that would crowd the plot.
func shorten(s string) string {
	r := []rune(s)
	if len(r) <= maxLabel {
		return s
	}
	return string(r[:maxLabel-1]) + "…"
}
