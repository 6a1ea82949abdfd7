package prices

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Client asks a price service for data. Its methods may be called by many
// goroutines at once.
type Client struct {
	// BaseURL is where the service runs, such as http://127.0.0.1:5000,
	// as printed by goconc prices or returned by Start.
	BaseURL string
	// HTTPClient makes the requests; nil means http.DefaultClient.
	HTTPClient *http.Client
}

// Exchanges returns the service's exchange names.
func (c *Client) Exchanges(ctx context.Context) ([]string, error) {
	var names []string
	if err := c.get(ctx, "/exchanges", &names); err != nil {
		return nil, err
	}
	return names, nil
}

// Symbols returns the service's symbols.
func (c *Client) Symbols(ctx context.Context) ([]string, error) {
	var names []string
	if err := c.get(ctx, "/symbols", &names); err != nil {
		return nil, err
	}
	return names, nil
}

// Price returns the price of symbol on exchange for day (in DateLayout).
// For a day with no data it returns a nil Price and a nil error.
func (c *Client) Price(ctx context.Context, exchange, symbol, day string) (*Price, error) {
	path := "/price/" + url.PathEscape(exchange) + "/" + url.PathEscape(symbol) + "/" + url.PathEscape(day)
	var p *Price
	if err := c.get(ctx, path, &p); err != nil {
		return nil, err
	}
	return p, nil
}

// StatusError reports an answer other than 200 OK.
type StatusError struct {
	URL     string
	Code    int    // HTTP status code
	Message string // the service's explanation, if it gave one
}

func (e *StatusError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.Code)
	}
	return fmt.Sprintf("prices: GET %s: %d %s", e.URL, e.Code, msg)
}

// get fetches path and decodes the JSON answer into v.
func (c *Client) get(ctx context.Context, path string, v any) error {
	u := strings.TrimSuffix(c.BaseURL, "/") + path
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("prices: %w", err)
	}
	hc := c.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("prices: %w", err)
	}
	defer resp.Body.Close()
	// Errors are small JSON objects and answers are a few hundred bytes;
	// anything much larger is not from a price service.
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("prices: reading GET %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e errorBody
		json.Unmarshal(body, &e) // a body that is not ours leaves Message empty
		return &StatusError{URL: u, Code: resp.StatusCode, Message: e.Error}
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("prices: decoding GET %s: %w", u, err)
	}
	return nil
}
