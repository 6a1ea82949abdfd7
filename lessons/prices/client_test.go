package prices

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestClient(t *testing.T) {
	srv := httptest.NewServer(NewHandler(Options{}))
	defer srv.Close()
	ctx := context.Background()

	for _, base := range []string{srv.URL, srv.URL + "/"} {
		c := &Client{BaseURL: base}
		ex, err := c.Exchanges(ctx)
		if err != nil || !slices.Equal(ex, Exchanges()) {
			t.Errorf("Exchanges() = %q, %v", ex, err)
		}
		sym, err := c.Symbols(ctx)
		if err != nil || !slices.Equal(sym, Symbols()) {
			t.Errorf("Symbols() = %q, %v", sym, err)
		}
	}

	// Every combination comes back as Lookup computes it, nulls included.
	c := &Client{BaseURL: srv.URL, HTTPClient: srv.Client()}
	var nulls int
	for _, ex := range Exchanges() {
		for _, sym := range Symbols() {
			for _, day := range Days() {
				got, err := c.Price(ctx, ex, sym, day)
				if err != nil {
					t.Fatalf("Price(%q, %q, %q): %v", ex, sym, day, err)
				}
				want, _ := Lookup(ex, sym, day)
				if (got == nil) != (want == nil) || got != nil && *got != *want {
					t.Fatalf("Price(%q, %q, %q) = %+v, want %+v", ex, sym, day, got, want)
				}
				if got == nil {
					nulls++
				}
			}
		}
	}
	if nulls == 0 {
		t.Error("no null prices came back")
	}
}

func TestClientErrors(t *testing.T) {
	srv := httptest.NewServer(NewHandler(Options{}))
	defer srv.Close()
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/symbols" {
			w.Write([]byte("<html>not json</html>"))
			return
		}
		http.Error(w, "teapot", http.StatusTeapot)
	}))
	defer foreign.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	tests := []struct {
		name     string
		base     string
		call     func(c *Client) error
		code     int    // expected StatusError code, 0 for another error
		contains string // expected in the error text
	}{
		{"unknown exchange", srv.URL, func(c *Client) error {
			_, err := c.Price(context.Background(), "mtgox", "btc", FirstDay)
			return err
		}, 404, `unknown exchange "mtgox"`},
		{"unknown symbol", srv.URL, func(c *Client) error {
			_, err := c.Price(context.Background(), "kraken", "xrp", FirstDay)
			return err
		}, 404, "unknown symbol"},
		{"bad date", srv.URL, func(c *Client) error {
			_, err := c.Price(context.Background(), "kraken", "btc", "2020-04-01")
			return err
		}, 400, "bad date"},
		{"slash in a name is escaped", srv.URL, func(c *Client) error {
			_, err := c.Price(context.Background(), "kraken/btc", "btc", FirstDay)
			return err
		}, 404, "unknown exchange"},
		{"error that is not ours", foreign.URL, func(c *Client) error {
			_, err := c.Exchanges(context.Background())
			return err
		}, 418, "I'm a teapot"},
		{"answer that is not JSON", foreign.URL, func(c *Client) error {
			_, err := c.Symbols(context.Background())
			return err
		}, 0, "decoding"},
		{"no server", closed.URL, func(c *Client) error {
			_, err := c.Symbols(context.Background())
			return err
		}, 0, "refused"},
		{"bad base URL", "::nonsense", func(c *Client) error {
			_, err := c.Symbols(context.Background())
			return err
		}, 0, "prices:"},
	}
	for _, tt := range tests {
		err := tt.call(&Client{BaseURL: tt.base})
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		var se *StatusError
		if errors.As(err, &se) != (tt.code != 0) || se != nil && se.Code != tt.code {
			t.Errorf("%s: error %v (%T), want status %d", tt.name, err, err, tt.code)
		}
		if !strings.Contains(err.Error(), tt.contains) {
			t.Errorf("%s: error %q does not mention %q", tt.name, err, tt.contains)
		}
	}
}
