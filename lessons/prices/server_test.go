package prices

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// get requests path from h and returns the status and body.
func get(t *testing.T, h http.Handler, method, path string) (int, string, http.Header) {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String(), rec.Header()
}

func TestRoutes(t *testing.T) {
	h := NewHandler(Options{})
	kraken, _ := Lookup("kraken", "btc", "2020-03-01")
	krakenJSON, _ := json.Marshal(kraken)
	var nullDay [3]string // a combination with no data, found by search
	for _, ex := range exchanges {
		for _, sym := range symbols {
			for _, day := range Days() {
				if p, _ := Lookup(ex, sym, day); p == nil {
					nullDay = [3]string{ex, sym, day}
				}
			}
		}
	}

	tests := []struct {
		method, path string
		code         int
		body         string // the JSON answer, or a part of the error message
	}{
		{"GET", "/exchanges", 200, `["bitfinex","bitstamp","bittrex","cexio","coinbase-pro","hitbtc","huobi","kraken","mexbt","okex","poloniex"]`},
		{"GET", "/symbols", 200, `["btc","eth","ltc"]`},
		{"GET", "/price/kraken/btc/2020-03-01", 200, string(krakenJSON)},
		{"GET", "/price/" + strings.Join(nullDay[:], "/"), 200, "null"},
		{"GET", "/price/binance/btc/2020-03-01", 404, "unknown exchange"},
		{"GET", "/price/kraken/doge/2020-03-01", 404, "unknown symbol"},
		{"GET", "/price/kraken/btc/2020-04-01", 400, "bad date"},
		{"GET", "/price/kraken/btc/2020-02-30", 400, "bad date"},
		{"GET", "/price/kraken/btc/01-03-2020", 400, "bad date"},
		{"GET", "/price/kraken/btc", 404, "no route"},
		{"GET", "/price/kraken/btc/2020-03-01/extra", 404, "no route"},
		{"GET", "/", 404, "no route"},
		{"GET", "/nothing", 404, "no route"},
		{"POST", "/exchanges", 404, "no route"},
	}
	for _, tt := range tests {
		code, body, header := get(t, h, tt.method, tt.path)
		if code != tt.code {
			t.Errorf("%s %s: status %d, want %d (body %s)", tt.method, tt.path, code, tt.code, body)
		}
		if ct := header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("%s %s: Content-Type %q", tt.method, tt.path, ct)
		}
		if code == 200 {
			if strings.TrimSpace(body) != tt.body {
				t.Errorf("%s %s: body %s, want %s", tt.method, tt.path, body, tt.body)
			}
			continue
		}
		var e errorBody
		if err := json.Unmarshal([]byte(body), &e); err != nil || !strings.Contains(e.Error, tt.body) {
			t.Errorf("%s %s: body %s, want a JSON error mentioning %q", tt.method, tt.path, body, tt.body)
		}
	}
}

func TestPriceJSONFields(t *testing.T) {
	day := "2020-03-13"
	for _, d := range Days()[12:] {
		if p, _ := Lookup("bitstamp", "eth", d); p != nil {
			day = d
			break
		}
	}
	_, body, _ := get(t, NewHandler(Options{}), "GET", "/price/bitstamp/eth/"+day)
	var fields map[string]any
	if err := json.Unmarshal([]byte(body), &fields); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	for _, k := range []string{"exchange", "symbol", "open", "high", "low", "close", "volume", "day"} {
		if _, ok := fields[k]; !ok {
			t.Errorf("field %q missing from %s", k, body)
		}
	}
	if len(fields) != 8 {
		t.Errorf("%d fields in %s, want 8", len(fields), body)
	}
	if fields["day"] != day {
		t.Errorf("day = %v, want the date string %s", fields["day"], day)
	}
}

// TestDelayOverlaps checks that the delay is served concurrently: n
// requests made at once are all in the server at the same time, rather
// than queued behind one another's delays.
func TestDelayOverlaps(t *testing.T) {
	const (
		n     = 20
		delay = 200 * time.Millisecond
	)
	var inFlight, most atomic.Int64
	handler := NewHandler(Options{Delay: delay})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if now <= m || most.CompareAndSwap(m, now) {
				break
			}
		}
		handler.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c := &Client{BaseURL: srv.URL}

	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			_, err := c.Price(context.Background(), exchanges[i%len(exchanges)], "btc", FirstDay)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	elapsed := time.Since(start)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if elapsed < delay {
		t.Errorf("%d requests took %v, less than one delay of %v", n, elapsed, delay)
	}
	// Every request sleeps a whole delay inside the handler, and all n
	// were sent at once, so unless the server serialises them they are
	// all inside it together.
	if m := most.Load(); m < n/2 {
		t.Errorf("at most %d of %d concurrent requests were in the server at once", m, n)
	}
}

func TestDelayOnlyOnPrice(t *testing.T) {
	srv := httptest.NewServer(NewHandler(Options{Delay: time.Hour}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c := &Client{BaseURL: srv.URL}
	if _, err := c.Exchanges(ctx); err != nil {
		t.Errorf("Exchanges waited for the price delay: %v", err)
	}

	// A client that gives up is not kept waiting for the hour.
	short, cancelShort := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancelShort()
	_, err := c.Price(short, "kraken", "btc", FirstDay)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Price with a 50ms deadline against an hour's delay: err = %v", err)
	}
}

func TestJitter(t *testing.T) {
	srv := httptest.NewServer(NewHandler(Options{Jitter: 30 * time.Millisecond}))
	defer srv.Close()
	c := &Client{BaseURL: srv.URL}
	p, err := c.Price(context.Background(), "okex", "ltc", "2020-03-02")
	want, _ := Lookup("okex", "ltc", "2020-03-02")
	if err != nil || (p == nil) != (want == nil) || p != nil && *p != *want {
		t.Errorf("with jitter: %+v, %v; want %+v", p, err, want)
	}
}

func TestStart(t *testing.T) {
	url, stop := Start(0)
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("Start URL = %q, want http://127.0.0.1:PORT", url)
	}
	resp, err := http.Get(url + "/symbols")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.TrimSpace(string(body)) != `["btc","eth","ltc"]` {
		t.Errorf("GET /symbols = %s", body)
	}

	stop()
	stop() // a second stop is harmless
	if resp, err := http.Get(url + "/symbols"); err == nil {
		resp.Body.Close()
		t.Errorf("GET after stop succeeded with %s", resp.Status)
	}
}

func TestStopWaitsForRequestsInFlight(t *testing.T) {
	url, stop := Start(300 * time.Millisecond)
	c := &Client{BaseURL: url}
	done := make(chan error, 1)
	go func() {
		_, err := c.Price(context.Background(), "hitbtc", "eth", "2020-03-03")
		done <- err
	}()
	time.Sleep(100 * time.Millisecond) // let the request reach the server
	stop()
	if err := <-done; err != nil {
		t.Errorf("request in flight during stop: %v", err)
	}
}

// FuzzHandler feeds the service arbitrary paths: it must never panic, must
// answer 200, 400 or 404, and must always answer JSON.
func FuzzHandler(f *testing.F) {
	for _, s := range []string{
		"/exchanges", "/price/kraken/btc/2020-03-01", "/price/KRAKEN/Eth/2020-03-31",
		"/price/kraken/btc/2020-13-01", "/price/%00/btc/2020-03-01", "/price//btc/2020-03-01",
		"/price/kraken/btc/2020-03-1", "/price/a/b/c/d", "/symbols/",
	} {
		f.Add(s)
	}
	h := NewHandler(Options{})
	f.Fuzz(func(t *testing.T, path string) {
		req, err := http.NewRequest("GET", "http://localhost", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.Path = "/" + strings.TrimPrefix(path, "/")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 400, 404:
		case 301, 307, 308:
			return // the mux cleans paths such as /a/../b by redirecting
		default:
			t.Fatalf("GET %q: status %d", req.URL.Path, rec.Code)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("GET %q: body is not JSON: %q", req.URL.Path, rec.Body.String())
		}
	})
}

// BenchmarkPrice measures one price request over loopback HTTP with no
// delay: the floor under every timing a lesson shows.
func BenchmarkPrice(b *testing.B) {
	url, stop := Start(0)
	defer stop()
	c := &Client{BaseURL: url}
	ctx := context.Background()
	for b.Loop() {
		if _, err := c.Price(ctx, "kraken", "btc", "2020-03-12"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAllPrices fetches all 1,023 prices with delay 20ms through 32
// goroutines, the shape of lesson 06's producer-consumer run.
func BenchmarkAllPrices(b *testing.B) {
	url, stop := Start(20 * time.Millisecond)
	defer stop()
	c := &Client{BaseURL: url}
	ctx := context.Background()
	for b.Loop() {
		keys := make(chan [3]string)
		var wg sync.WaitGroup
		for range 32 {
			wg.Go(func() {
				for k := range keys {
					if _, err := c.Price(ctx, k[0], k[1], k[2]); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, ex := range Exchanges() {
			for _, sym := range Symbols() {
				for _, day := range Days() {
					keys <- [3]string{ex, sym, day}
				}
			}
		}
		close(keys)
		wg.Wait()
	}
}
