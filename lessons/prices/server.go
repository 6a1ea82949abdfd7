package prices

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"time"
)

// Options configure the HTTP service.
type Options struct {
	// Delay is added before every answer to GET /price, to make the
	// service as slow as a real one. Requests wait concurrently: ten
	// requests made at once are all answered after about one Delay.
	Delay time.Duration
	// Jitter adds up to this much more to each delay, at random, so that
	// requests made together finish in a different order on every run.
	Jitter time.Duration
}

// NewHandler returns the HTTP service described in the package comment.
// Answers are JSON. Errors are JSON objects with an "error" field: status
// 404 for an unknown exchange, symbol or path, 400 for a malformed day or
// one outside March 2020.
func NewHandler(opts Options) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /exchanges", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, exchanges)
	})
	mux.HandleFunc("GET /symbols", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, symbols)
	})
	mux.HandleFunc("GET /price/{exchange}/{symbol}/{day}", func(w http.ResponseWriter, r *http.Request) {
		if !wait(r.Context(), opts.Delay, opts.Jitter) {
			return // the client went away; nobody is left to answer
		}
		p, err := Lookup(r.PathValue("exchange"), r.PathValue("symbol"), r.PathValue("day"))
		switch {
		case errors.Is(err, ErrBadDate):
			writeError(w, http.StatusBadRequest, err)
		case err != nil:
			writeError(w, http.StatusNotFound, err)
		default:
			// A nil *Price encodes as null: the day has no data.
			writeJSON(w, http.StatusOK, p)
		}
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Errorf("no route for %s %s", r.Method, r.URL.Path))
	})
	return mux
}

// wait sleeps for delay plus a random share of jitter, and reports whether
// it slept the whole time rather than seeing ctx end first.
func wait(ctx context.Context, delay, jitter time.Duration) bool {
	if jitter > 0 {
		delay += rand.N(jitter)
	}
	if delay <= 0 {
		return true
	}
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Only our own types are encoded here, and they always encode.
		panic(fmt.Sprintf("prices: encoding %T: %v", v, err))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

func writeError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, errorBody{Error: err.Error()})
}

// errorBody is the JSON form of every error answer.
type errorBody struct {
	Error string `json:"error"`
}

// Start serves the price service with the given delay on a free loopback
// port, in this process, and returns its base URL (such as
// http://127.0.0.1:40123) and a function that stops it. Stop waits for
// requests in flight to be answered, for up to five seconds; calling it
// more than once is harmless. Start is meant for notebooks and tests; it
// panics if no port can be had, as there is nothing useful to do then.
func Start(delay time.Duration) (url string, stop func()) {
	return StartOptions(Options{Delay: delay})
}

// StartOptions is Start with every option.
func StartOptions(opts Options) (url string, stop func()) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("prices: listening on loopback: %v", err))
	}
	srv := &http.Server{Handler: NewHandler(opts), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan struct{})
	go func() {
		defer close(served)
		srv.Serve(ln) // always ErrServerClosed, after stop
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if srv.Shutdown(ctx) != nil {
				srv.Close()
			}
			<-served
		})
	}
	return "http://" + ln.Addr().String(), stop
}
