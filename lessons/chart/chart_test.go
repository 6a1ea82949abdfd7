package chart

import (
	"encoding/xml"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// element is one parsed SVG element, flattened: its name, attributes and
// character data.
type element struct {
	name  string
	attrs map[string]string
	text  string
}

// parseSVG checks that doc is well-formed XML with an svg root and
// returns its elements in document order.
func parseSVG(t *testing.T, doc string) []element {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	var (
		elems []element
		stack []int
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(elems) == 0 && tok.Name.Local != "svg" {
				t.Fatalf("root element is %q, want svg", tok.Name.Local)
			}
			e := element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			stack = append(stack, len(elems))
			elems = append(elems, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				elems[stack[len(stack)-1]].text += string(tok)
			}
		}
	}
	if len(elems) == 0 {
		t.Fatal("empty SVG")
	}
	return elems
}

// byClass returns the elements of the given class.
func byClass(elems []element, class string) []element {
	var out []element
	for _, e := range elems {
		if e.attrs["class"] == class {
			out = append(out, e)
		}
	}
	return out
}

// texts returns the character data of the elements of the given class.
func texts(elems []element, class string) []string {
	var out []string
	for _, e := range byClass(elems, class) {
		out = append(out, e.text)
	}
	return out
}

func attrFloat(t *testing.T, e element, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(e.attrs[name], 64)
	if err != nil {
		t.Fatalf("%s %s=%q: %v", e.name, name, e.attrs[name], err)
	}
	return v
}

func TestBarChart(t *testing.T) {
	tests := []struct {
		name     string
		bars     []Bar
		wantBars int
		wantNote string // substring of the note, "" for none
		wantNA   int
	}{
		{"empty", nil, 0, "no data", 0},
		{"one", []Bar{{"1", 1}}, 1, "", 0},
		{"speedups", []Bar{{"1", 1}, {"2", 1.9}, {"4", 3.4}, {"8", 3.5}}, 4, "", 0},
		{"zeros", []Bar{{"a", 0}, {"b", 0}}, 2, "", 0},
		{"negative", []Bar{{"gain", 2}, {"loss", -1.5}}, 2, "", 0},
		{"NaN skipped", []Bar{{"a", 1}, {"b", math.NaN()}, {"c", 3}}, 2, "1 value not shown", 1},
		{"Inf skipped", []Bar{{"a", math.Inf(1)}, {"b", math.Inf(-1)}}, 0, "2 values not shown", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &BarChart{Title: "Speedup <per> worker & count", XLabel: "workers", YLabel: "speedup", Bars: tt.bars}
			elems := parseSVG(t, c.SVG())
			bars := byClass(elems, "bar")
			if len(bars) != tt.wantBars {
				t.Errorf("got %d bars, want %d", len(bars), tt.wantBars)
			}
			if got := texts(elems, "title"); !slices.Equal(got, []string{c.Title}) {
				t.Errorf("title = %q, want %q", got, c.Title)
			}
			var labels []string
			for _, b := range tt.bars {
				labels = append(labels, b.Label)
			}
			if got := texts(elems, "x-label"); !slices.Equal(got, labels) {
				t.Errorf("x labels = %q, want %q", got, labels)
			}
			notes := texts(elems, "note")
			if tt.wantNote == "" && len(notes) > 0 {
				t.Errorf("unexpected note %q", notes)
			}
			if tt.wantNote != "" && (len(notes) != 1 || !strings.Contains(notes[0], tt.wantNote)) {
				t.Errorf("notes = %q, want one containing %q", notes, tt.wantNote)
			}
			if got := len(byClass(elems, "missing")); got != tt.wantNA {
				t.Errorf("got %d n/a markers, want %d", got, tt.wantNA)
			}
			for _, b := range bars {
				if h := attrFloat(t, b, "height"); h < 0 || math.IsNaN(h) {
					t.Errorf("bar height %v", h)
				}
			}
		})
	}
}

func TestBarHeightsAreProportional(t *testing.T) {
	c := &BarChart{Bars: []Bar{{"one", 1}, {"two", 2}, {"four", 4}}}
	bars := byClass(parseSVG(t, c.SVG()), "bar")
	if len(bars) != 3 {
		t.Fatalf("got %d bars", len(bars))
	}
	h1, h2, h4 := attrFloat(t, bars[0], "height"), attrFloat(t, bars[1], "height"), attrFloat(t, bars[2], "height")
	if math.Abs(h2-2*h1) > 0.2 || math.Abs(h4-4*h1) > 0.2 {
		t.Errorf("heights %v %v %v are not 1:2:4", h1, h2, h4)
	}
	// The bars share a baseline.
	base := func(b element) float64 { return attrFloat(t, b, "y") + attrFloat(t, b, "height") }
	if base(bars[0]) != base(bars[2]) {
		t.Errorf("baselines differ: %v, %v", base(bars[0]), base(bars[2]))
	}
}

func TestLineChart(t *testing.T) {
	type pt struct {
		series string
		x, y   float64
	}
	tests := []struct {
		name       string
		points     []pt
		wantPoints int
		wantLines  int
		wantLegend []string
		wantNote   string
	}{
		{"empty", nil, 0, 0, nil, "no data"},
		{"one point", []pt{{"", 1, 2}}, 1, 0, nil, ""},
		{"one series", []pt{{"", 1, 4}, {"", 2, 2.1}, {"", 4, 1.2}}, 3, 1, nil, ""},
		{"two series", []pt{
			{"GIL", 1, 3.8}, {"GIL", 2, 4.0}, {"GIL", 4, 4.1},
			{"no GIL", 1, 3.8}, {"no GIL", 2, 1.9}, {"no GIL", 4, 1.9},
		}, 6, 2, []string{"GIL", "no GIL"}, ""},
		{"zeros", []pt{{"z", 0, 0}, {"z", 0, 0}}, 2, 1, []string{"z"}, ""},
		{"NaN skipped", []pt{{"a", 1, 1}, {"a", 2, math.NaN()}, {"a", math.Inf(1), 3}, {"a", 4, 4}}, 2, 1, []string{"a"}, "2 points not shown"},
		{"all NaN", []pt{{"a", math.NaN(), math.NaN()}}, 0, 0, []string{"a"}, "1 point not shown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &LineChart{Title: "Time against workers", XLabel: "workers", YLabel: "seconds"}
			for _, p := range tt.points {
				c.Add(p.series, p.x, p.y)
			}
			elems := parseSVG(t, c.SVG())
			if got := len(byClass(elems, "point")); got != tt.wantPoints {
				t.Errorf("got %d points, want %d", got, tt.wantPoints)
			}
			if got := len(byClass(elems, "line")); got != tt.wantLines {
				t.Errorf("got %d lines, want %d", got, tt.wantLines)
			}
			if got := texts(elems, "legend"); !slices.Equal(got, tt.wantLegend) {
				t.Errorf("legend = %q, want %q", got, tt.wantLegend)
			}
			notes := texts(elems, "note")
			if tt.wantNote == "" && len(notes) > 0 {
				t.Errorf("unexpected note %q", notes)
			}
			if tt.wantNote != "" && (len(notes) != 1 || !strings.Contains(notes[0], tt.wantNote)) {
				t.Errorf("notes = %q, want one containing %q", notes, tt.wantNote)
			}
			if got := texts(elems, "axis-label"); !slices.Contains(got, "workers") || !slices.Contains(got, "seconds") {
				t.Errorf("axis labels = %q", got)
			}
		})
	}
}

func TestLinePointsSortedByX(t *testing.T) {
	c := &LineChart{}
	for _, x := range []float64{4, 1, 3, 2} {
		c.Add("s", x, x*10)
	}
	elems := parseSVG(t, c.SVG())
	lines := byClass(elems, "line")
	if len(lines) != 1 {
		t.Fatalf("got %d lines", len(lines))
	}
	prev := math.Inf(-1)
	for _, pair := range strings.Fields(lines[0].attrs["points"]) {
		x, err := strconv.ParseFloat(strings.Split(pair, ",")[0], 64)
		if err != nil {
			t.Fatalf("points %q: %v", lines[0].attrs["points"], err)
		}
		if x <= prev {
			t.Errorf("polyline x %v after %v: not in order", x, prev)
		}
		prev = x
	}
}

func TestTimeline(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name      string
		tl        Timeline
		wantSpans int
		wantRows  []string
		wantKinds []string
		wantNote  string
		wantUnit  string
	}{
		{"empty", Timeline{}, 0, nil, nil, "no data", ""},
		{"declared rows, no spans", Timeline{Rows: []string{"a", "b"}}, 0, []string{"a", "b"}, nil, "no data", ""},
		{"GIL hand-offs", Timeline{
			Rows: []string{"thread 0", "thread 1"},
			Spans: []Span{
				{"thread 0", "running", 0, 5 * ms},
				{"thread 1", "waiting", 0, 5 * ms},
				{"thread 1", "running", 5 * ms, 10 * ms},
				{"thread 0", "waiting", 5 * ms, 10 * ms},
				{"thread 0", "running", 10 * ms, 15 * ms},
			},
		}, 5, []string{"thread 0", "thread 1"}, []string{"running", "waiting"}, "", "time (ms)"},
		{"rows from spans and kinds order", Timeline{
			Kinds: []string{"I/O", "unused", "running"},
			Spans: []Span{{"b", "running", 0, 1 * time.Second}, {"a", "I/O", 2 * time.Second, 3 * time.Second}},
		}, 2, []string{"b", "a"}, []string{"I/O", "running"}, "", "time (s)"},
		{"zero-length span", Timeline{Spans: []Span{{"g", "run", 3 * time.Microsecond, 3 * time.Microsecond}}},
			1, []string{"g"}, []string{"run"}, "", "time (µs)"},
		{"backwards span skipped", Timeline{Spans: []Span{{"g", "run", 0, 4 * ms}, {"g", "run", 9 * ms, 8 * ms}}},
			1, []string{"g"}, []string{"run"}, "1 span not shown", "time (ms)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			elems := parseSVG(t, tt.tl.SVG())
			if got := len(byClass(elems, "span")); got != tt.wantSpans {
				t.Errorf("got %d spans, want %d", got, tt.wantSpans)
			}
			if got := texts(elems, "row-label"); !slices.Equal(got, tt.wantRows) {
				t.Errorf("rows = %q, want %q", got, tt.wantRows)
			}
			if got := texts(elems, "legend"); !slices.Equal(got, tt.wantKinds) {
				t.Errorf("legend = %q, want %q", got, tt.wantKinds)
			}
			notes := texts(elems, "note")
			if tt.wantNote == "" && len(notes) > 0 {
				t.Errorf("unexpected note %q", notes)
			}
			if tt.wantNote != "" && (len(notes) != 1 || !strings.Contains(notes[0], tt.wantNote)) {
				t.Errorf("notes = %q, want one containing %q", notes, tt.wantNote)
			}
			if tt.wantUnit != "" && !slices.Contains(texts(elems, "axis-label"), tt.wantUnit) {
				t.Errorf("axis labels = %q, want %q", texts(elems, "axis-label"), tt.wantUnit)
			}
		})
	}
}

func TestTimelineSpanGeometry(t *testing.T) {
	tl := Timeline{Spans: []Span{
		{"a", "run", 0, 10 * time.Millisecond},
		{"b", "run", 10 * time.Millisecond, 30 * time.Millisecond},
	}}
	spans := byClass(parseSVG(t, tl.SVG()), "span")
	if len(spans) != 2 {
		t.Fatalf("got %d spans", len(spans))
	}
	wa, wb := attrFloat(t, spans[0], "width"), attrFloat(t, spans[1], "width")
	if math.Abs(wb-2*wa) > 0.3 {
		t.Errorf("widths %v, %v: want 1:2", wa, wb)
	}
	if xa, xb := attrFloat(t, spans[0], "x"), attrFloat(t, spans[1], "x"); math.Abs(xa+wa-xb) > 0.2 {
		t.Errorf("span b starts at %v, want where a ends, %v", xb, xa+wa)
	}
	if ya, yb := attrFloat(t, spans[0], "y"), attrFloat(t, spans[1], "y"); ya >= yb {
		t.Errorf("row a (y=%v) should be above row b (y=%v)", ya, yb)
	}
}

func TestTimelineMergesSubpixelSpans(t *testing.T) {
	// Ten thousand 1µs slices, 1µs apart, over 20ms: at 600 pixels a
	// pixel is about 33µs, so each row is one solid bar.
	var tl Timeline
	for i := range 10000 {
		start := time.Duration(2*i) * time.Microsecond
		tl.Add("busy", "running", start, start+time.Microsecond)
	}
	tl.Add("idle", "running", 0, time.Microsecond)
	spans := byClass(parseSVG(t, tl.SVG()), "span")
	if len(spans) != 2 {
		t.Errorf("got %d spans, want 2 after merging", len(spans))
	}
}

func TestTimelineManyRows(t *testing.T) {
	var tl Timeline
	for i := range 1000 {
		tl.Add(strconv.Itoa(i), "running", time.Duration(i)*time.Microsecond, time.Duration(i+1)*time.Microsecond)
	}
	svg := tl.SVG()
	elems := parseSVG(t, svg)
	if got := len(byClass(elems, "span")); got != 1000 {
		t.Errorf("got %d spans, want 1000", got)
	}
	labels := texts(elems, "row-label")
	if len(labels) == 0 || len(labels) > 40 {
		t.Errorf("got %d row labels; want some, spaced to stay readable", len(labels))
	}
	if h := attrFloat(t, elems[0], "height"); h != DefaultHeight {
		t.Errorf("height %v, want %d", h, DefaultHeight)
	}
}

func TestEscaping(t *testing.T) {
	nasty := `<script>alert("x")</script> & 'q' ` + "\x00\x1b\xff"
	charts := map[string]string{
		"bar":      (&BarChart{Title: nasty, XLabel: nasty, YLabel: nasty, Bars: []Bar{{nasty, 1}}}).SVG(),
		"line":     (&LineChart{Title: nasty, XLabel: nasty, YLabel: nasty, Series: []Series{{Name: nasty, Color: `red" onload="x`, Points: []Point{{1, 1}}}}}).SVG(),
		"timeline": (&Timeline{Title: nasty, Spans: []Span{{nasty, nasty, 0, time.Second}}, Colors: map[string]string{nasty: `"><g`}}).SVG(),
	}
	for name, svg := range charts {
		elems := parseSVG(t, svg)
		if strings.Contains(svg, "<script") {
			t.Errorf("%s: markup from data was not escaped", name)
		}
		for _, e := range elems {
			if e.name == "script" {
				t.Errorf("%s: script element in output", name)
			}
			if _, ok := e.attrs["onload"]; ok {
				t.Errorf("%s: attribute injected from data", name)
			}
		}
	}
}

func TestSize(t *testing.T) {
	for _, c := range []struct {
		svg  string
		w, h float64
	}{
		{(&BarChart{}).SVG(), DefaultWidth, DefaultHeight},
		{(&BarChart{Width: 800, Height: 500}).SVG(), 800, 500},
		{(&LineChart{Width: -1}).SVG(), DefaultWidth, DefaultHeight},
		{(&Timeline{Width: 300, Height: 200}).SVG(), 300, 200},
	} {
		root := parseSVG(t, c.svg)[0]
		if w, h := attrFloat(t, root, "width"), attrFloat(t, root, "height"); w != c.w || h != c.h {
			t.Errorf("size %vx%v, want %vx%v", w, h, c.w, c.h)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi   float64
		n        int
		want     []float64
		wantStep float64
	}{
		{0, 1, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, 0.2},
		{0, 3.5, 5, []float64{0, 1, 2, 3, 4}, 1},
		{0, 4.02, 5, []float64{0, 1, 2, 3, 4, 5}, 1},
		{0, 100, 5, []float64{0, 20, 40, 60, 80, 100}, 20},
		{0, 0, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, 0.2},
		{-1.5, 2, 5, []float64{-2, -1, 0, 1, 2}, 1},
		{1000, 1000, 4, []float64{500, 1000, 1500}, 500},
		{7, 3, 4, []float64{3, 4, 5, 6, 7}, 1},
		{0, 15_500_000, 5, []float64{0, 5e6, 10e6, 15e6, 20e6}, 5e6},
	}
	for _, tt := range tests {
		got, step := niceTicks(tt.lo, tt.hi, tt.n)
		if step != tt.wantStep || len(got) != len(tt.want) {
			t.Errorf("niceTicks(%v, %v, %d) = %v step %v, want %v step %v", tt.lo, tt.hi, tt.n, got, step, tt.want, tt.wantStep)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-9*math.Max(1, math.Abs(tt.want[i])) {
				t.Errorf("niceTicks(%v, %v, %d) = %v, want %v", tt.lo, tt.hi, tt.n, got, tt.want)
				break
			}
		}
	}
}

func TestLabels(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{tickLabel(0.6000000000000001, 0.2), "0.6"},
		{tickLabel(-0.0, 1), "0"},
		{tickLabel(15, 5), "15"},
		{tickLabel(0.05, 0.05), "0.05"},
		{tickLabel(2e12, 1e12), "2e+12"},
		{formatValue(3), "3"},
		{formatValue(1.9), "1.9"},
		{formatValue(3.8412), "3.84"},
		{formatValue(0.76), "0.76"},
		{formatValue(123.456), "123"},
		{formatValue(0.00012345), "0.000123"},
		{formatValue(-2.5), "-2.5"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// FuzzLabels checks that any text a lesson puts in a chart, however
// odd, still gives well-formed SVG with the text in it.
func FuzzLabels(f *testing.F) {
	for _, s := range []string{"", "speedup", "<b>&amp;</b>", "\x00\x01\x7f", "\xff\xfe", "é 中 😀", `"'`, "]]>"} {
		f.Add(s, 1.5)
	}
	f.Fuzz(func(t *testing.T, s string, v float64) {
		for _, svg := range []string{
			(&BarChart{Title: s, XLabel: s, Bars: []Bar{{s, v}}}).SVG(),
			(&LineChart{YLabel: s, Series: []Series{{Name: s, Points: []Point{{v, v}, {0, 1}}}}}).SVG(),
			(&Timeline{Title: s, Spans: []Span{{s, s, 0, time.Duration(v)}}}).SVG(),
		} {
			dec := xml.NewDecoder(strings.NewReader(svg))
			for {
				_, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed for %q, %v: %v", s, v, err)
				}
			}
		}
	})
}

func BenchmarkTimelineSVG(b *testing.B) {
	var tl Timeline
	for i := range 10_000 {
		start := time.Duration(i) * 5 * time.Millisecond
		tl.Add(strconv.Itoa(i%2), "running", start, start+5*time.Millisecond)
		tl.Add(strconv.Itoa((i+1)%2), "waiting", start, start+5*time.Millisecond)
	}
	for b.Loop() {
		_ = tl.SVG()
	}
}
