package prices

import (
	"errors"
	"slices"
	"testing"
)

func TestLists(t *testing.T) {
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"Exchanges", Exchanges(), []string{
			"bitfinex", "bitstamp", "bittrex", "cexio", "coinbase-pro", "hitbtc",
			"huobi", "kraken", "mexbt", "okex", "poloniex",
		}},
		{"Symbols", Symbols(), []string{"btc", "eth", "ltc"}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s() = %q, want %q", tt.name, tt.got, tt.want)
		}
	}

	days := Days()
	if len(days) != 31 || days[0] != FirstDay || days[30] != LastDay || days[9] != "2020-03-10" {
		t.Errorf("Days() = %q, want 31 days from %s to %s", days, FirstDay, LastDay)
	}

	// The lists are copies: changing one must not change the service.
	Exchanges()[0] = "changed"
	if Exchanges()[0] != "bitfinex" {
		t.Error("changing the slice returned by Exchanges changed the exchanges")
	}
}

// level is the range a symbol's prices stay in over March 2020.
var level = map[string]struct{ low, high float64 }{
	"btc": {3500, 10000},
	"eth": {80, 280},
	"ltc": {20, 75},
}

// TestEveryCombination checks the candle invariants over all 1,023
// exchange, symbol and day combinations.
func TestEveryCombination(t *testing.T) {
	var total, missing int
	missingBy := map[string]int{}
	for _, ex := range Exchanges() {
		for _, sym := range Symbols() {
			var prev *Price
			for _, day := range Days() {
				total++
				p, err := Lookup(ex, sym, day)
				if err != nil {
					t.Fatalf("Lookup(%q, %q, %q): %v", ex, sym, day, err)
				}
				if p == nil {
					missing++
					missingBy[ex]++
					prev = nil
					continue
				}
				if p.Exchange != ex || p.Symbol != sym || p.Day != day {
					t.Errorf("Lookup(%q, %q, %q) names %q %q %q", ex, sym, day, p.Exchange, p.Symbol, p.Day)
				}
				if !(p.Low <= p.Open && p.Low <= p.Close && p.Open <= p.High && p.Close <= p.High) {
					t.Errorf("%s %s %s: low %v, open %v, close %v, high %v out of order", ex, sym, day, p.Low, p.Open, p.Close, p.High)
				}
				lv := level[sym]
				if p.Low < lv.low || p.High > lv.high {
					t.Errorf("%s %s %s: range %v-%v outside %v-%v", ex, sym, day, p.Low, p.High, lv.low, lv.high)
				}
				if p.Volume <= 0 {
					t.Errorf("%s %s %s: volume %v", ex, sym, day, p.Volume)
				}
				if prev != nil && p.Open != prev.Close {
					t.Errorf("%s %s %s: open %v, but the day before closed at %v", ex, sym, day, p.Open, prev.Close)
				}
				prev = p
			}
		}
	}
	if total != 1023 {
		t.Errorf("%d combinations, want 1,023", total)
	}
	// Missing days should be there, but rare.
	if missing < 10 || missing > 100 {
		t.Errorf("%d of %d combinations missing, want a few percent", missing, total)
	}
	if len(missingBy) < 5 {
		t.Errorf("missing days fall on only %d exchanges: %v", len(missingBy), missingBy)
	}
	t.Logf("%d of %d missing", missing, total)
}

func TestLookupDeterministic(t *testing.T) {
	for _, day := range []string{FirstDay, "2020-03-12", LastDay} {
		a, errA := Lookup("kraken", "btc", day)
		b, errB := Lookup("kraken", "btc", day)
		if errA != nil || errB != nil {
			t.Fatalf("Lookup: %v, %v", errA, errB)
		}
		if (a == nil) != (b == nil) || (a != nil && *a != *b) {
			t.Errorf("two lookups of kraken btc %s differ: %+v, %+v", day, a, b)
		}
	}
	// Exchanges quote differently from each other.
	a, _ := Lookup("kraken", "eth", "2020-03-05")
	b, _ := Lookup("bitstamp", "eth", "2020-03-05")
	if a != nil && b != nil && a.Close == b.Close {
		t.Errorf("kraken and bitstamp close at the same price %v", a.Close)
	}
}

func TestLookupErrors(t *testing.T) {
	tests := []struct {
		exchange, symbol, day string
		want                  error // nil: valid
	}{
		{"kraken", "btc", "2020-03-01", nil},
		{"KRAKEN", "BTC", "2020-03-31", nil},
		{"coinbase-pro", "ltc", "2020-03-15", nil},
		{"binance", "btc", "2020-03-01", ErrUnknownExchange},
		{"", "btc", "2020-03-01", ErrUnknownExchange},
		{"kraken", "xrp", "2020-03-01", ErrUnknownSymbol},
		{"kraken", "", "2020-03-01", ErrUnknownSymbol},
		{"kraken", "btc", "2020-02-29", ErrBadDate},
		{"kraken", "btc", "2020-04-01", ErrBadDate},
		{"kraken", "btc", "2019-03-01", ErrBadDate},
		{"kraken", "btc", "2021-03-01", ErrBadDate},
		{"kraken", "btc", "2020-03-32", ErrBadDate},
		{"kraken", "btc", "2020-03-00", ErrBadDate},
		{"kraken", "btc", "2020-3-1", ErrBadDate},
		{"kraken", "btc", "20200301", ErrBadDate},
		{"kraken", "btc", "2020-03-01T00:00:00Z", ErrBadDate},
		{"kraken", "btc", "", ErrBadDate},
		{"kraken", "btc", "yesterday", ErrBadDate},
	}
	for _, tt := range tests {
		_, err := Lookup(tt.exchange, tt.symbol, tt.day)
		if tt.want == nil && err != nil || !errors.Is(err, tt.want) {
			t.Errorf("Lookup(%q, %q, %q) error = %v, want %v", tt.exchange, tt.symbol, tt.day, err, tt.want)
		}
	}
}

func TestLookupCaseInsensitive(t *testing.T) {
	a, err := Lookup("Coinbase-Pro", "ETH", "2020-03-20")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Lookup("coinbase-pro", "eth", "2020-03-20")
	if (a == nil) != (b == nil) || a != nil && *a != *b {
		t.Errorf("Lookup ignores case: %+v vs %+v", a, b)
	}
	if a != nil && (a.Exchange != "coinbase-pro" || a.Symbol != "eth") {
		t.Errorf("names not canonical: %q %q", a.Exchange, a.Symbol)
	}
}

func BenchmarkLookup(b *testing.B) {
	for b.Loop() {
		Lookup("kraken", "btc", "2020-03-12")
	}
}
