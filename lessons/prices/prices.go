// Package prices is the course's local cryptocurrency price service: daily
// prices of three coins on eleven exchanges for the 31 days of March 2020,
// served over HTTP on loopback so that lessons can make a thousand slow
// requests without touching a real API.
//
// The prices are derived, not downloaded. Each symbol follows a reference
// curve close to the market of March 2020 (bitcoin near 8,500 dollars at the
// start of the month, below 5,000 after the crash of March 12, about 6,400
// at the end), and each exchange strays from it by a fraction of a percent,
// decided by a hash of exchange, symbol and day. Nothing is random: the same
// question always gets the same answer, in every process. About four
// percent of the exchange, symbol and day combinations have no data, as in
// the real record.
//
// The HTTP service (see NewHandler, Start and the goconc prices command)
// answers three routes:
//
//	GET /exchanges                        JSON list of exchange names
//	GET /symbols                          JSON list of symbols
//	GET /price/EXCHANGE/SYMBOL/YYYY-MM-DD  a Price as JSON, or null
//
// Client calls them from Go code.
package prices

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"time"
)

// DateLayout is the layout, in the sense of time.Parse, of every day in
// this package: 2020-03-01.
const DateLayout = "2006-01-02"

// The first and last day with prices.
const (
	FirstDay = "2020-03-01"
	LastDay  = "2020-03-31"
)

// Errors reported by Lookup, wrapped with the offending value.
var (
	ErrUnknownExchange = errors.New("unknown exchange")
	ErrUnknownSymbol   = errors.New("unknown symbol")
	ErrBadDate         = errors.New("bad date")
)

// Price is one exchange's daily candle for one symbol, in US dollars, with
// the volume counted in coins. Day is the date it covers, in DateLayout.
type Price struct {
	Exchange string  `json:"exchange"`
	Symbol   string  `json:"symbol"`
	Open     float64 `json:"open"`
	High     float64 `json:"high"`
	Low      float64 `json:"low"`
	Close    float64 `json:"close"`
	Volume   float64 `json:"volume"`
	Day      string  `json:"day"`
}

var exchanges = []string{
	"bitfinex", "bitstamp", "bittrex", "cexio", "coinbase-pro", "hitbtc",
	"huobi", "kraken", "mexbt", "okex", "poloniex",
}

var symbols = []string{"btc", "eth", "ltc"}

// Exchanges returns the names of the exchanges, in alphabetical order.
func Exchanges() []string { return slices.Clone(exchanges) }

// Symbols returns the symbols, in lower case: btc, eth, ltc.
func Symbols() []string { return slices.Clone(symbols) }

// Days returns the 31 days of March 2020 in DateLayout, in order.
func Days() []string {
	days := make([]string, 0, 31)
	for d := 1; d <= 31; d++ {
		days = append(days, fmt.Sprintf("2020-03-%02d", d))
	}
	return days
}

// market describes how a symbol traded: the closing price of each day
// (index 0 is February 29, so the close of day d is close[d] and its open
// is close[d-1]) and the typical daily volume on a mid-sized exchange.
type market struct {
	close  [32]float64
	volume float64
}

// markets holds reference curves rounded from the public record of March
// 2020. Exchanges quote around them, not exactly at them.
var markets = map[string]market{
	"btc": {
		close: [32]float64{
			8560,
			8523, 8868, 8787, 8755, 9078, 9122, 8909, 8108, 7923, 7909,
			7911, 4970, 5563, 5200, 5392, 5014, 5225, 5238, 6191, 6198,
			6185, 5830, 6416, 6734, 6681, 6716, 6469, 6243, 5922, 6429,
			6438,
		},
		volume: 6000,
	},
	"eth": {
		close: [32]float64{
			217,
			218, 231, 224, 224, 228, 244, 237, 199, 202, 200,
			194, 112, 133, 124, 125, 110, 117, 118, 136, 132,
			133, 122, 135, 138, 136, 138, 131, 131, 125, 132,
			133,
		},
		volume: 60000,
	},
	"ltc": {
		close: [32]float64{
			58.5,
			59.2, 63.1, 62.4, 61.3, 63.0, 65.2, 62.1, 54.3, 52.5, 52.1,
			50.2, 31.4, 38.3, 36.2, 37.1, 34.1, 35.3, 36.4, 40.1, 39.9,
			40.2, 37.2, 40.3, 42.1, 41.2, 41.4, 39.3, 39.1, 37.3, 39.2,
			39.4,
		},
		volume: 90000,
	},
}

// missingShare is the share of exchange, symbol and day combinations with
// no data.
const missingShare = 0.04

// Lookup returns the price of symbol on exchange for day, given in
// DateLayout. It returns a nil Price and a nil error for a day with no data.
// Exchange and symbol are matched without regard to case.
func Lookup(exchange, symbol, day string) (*Price, error) {
	exchange = strings.ToLower(exchange)
	symbol = strings.ToLower(symbol)
	if !slices.Contains(exchanges, exchange) {
		return nil, fmt.Errorf("%w %q", ErrUnknownExchange, exchange)
	}
	m, ok := markets[symbol]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownSymbol, symbol)
	}
	d, err := dayOfMarch(day)
	if err != nil {
		return nil, err
	}
	if unit(exchange, symbol, day, "missing") < missingShare {
		return nil, nil
	}

	// The open is the same exchange's close of the day before, so a
	// series of days reads as one continuous market.
	prev := time.Date(2020, time.March, d-1, 0, 0, 0, 0, time.UTC).Format(DateLayout)
	open := cents(m.close[d-1] * quoteFactor(exchange, symbol, prev))
	closing := cents(m.close[d] * quoteFactor(exchange, symbol, day))

	// Intraday swings of 0.2 to 3.7 percent beyond the open and close.
	high := cents(max(open, closing) * (1.002 + 0.035*unit(exchange, symbol, day, "high")))
	low := cents(min(open, closing) * (0.998 - 0.035*unit(exchange, symbol, day, "low")))

	volume := m.volume * exchangeSize(exchange) * (0.5 + unit(exchange, symbol, day, "volume"))
	if d == 12 || d == 13 {
		volume *= 3 // the crash brought everyone to the market
	}
	return &Price{
		Exchange: exchange,
		Symbol:   symbol,
		Open:     open,
		High:     high,
		Low:      low,
		Close:    closing,
		Volume:   math.Round(volume*1e4) / 1e4,
		Day:      day,
	}, nil
}

// dayOfMarch parses day and returns its day of the month, or an error
// wrapping ErrBadDate when day is malformed or not in March 2020.
func dayOfMarch(day string) (int, error) {
	t, err := time.Parse(DateLayout, day)
	if err != nil {
		return 0, fmt.Errorf("%w %q: want YYYY-MM-DD", ErrBadDate, day)
	}
	if t.Year() != 2020 || t.Month() != time.March {
		return 0, fmt.Errorf("%w %q: prices cover %s to %s", ErrBadDate, day, FirstDay, LastDay)
	}
	return t.Day(), nil
}

// quoteFactor is how far an exchange's close strays from the reference on a
// day: within 0.6 percent either way.
func quoteFactor(exchange, symbol, day string) float64 {
	return 1 + 0.012*(unit(exchange, symbol, day, "quote")-0.5)
}

// exchangeSize scales volumes so that some exchanges are busier than others
// all month long, between 0.2 and 2 times the reference.
func exchangeSize(exchange string) float64 {
	return 0.2 + 1.8*unit(exchange, "", "", "size")
}

// unit hashes its arguments to a number in [0, 1). The field name keeps the
// numbers drawn for one candle independent of each other.
func unit(exchange, symbol, day, field string) float64 {
	h := fnv.New64a()
	for _, s := range []string{exchange, symbol, day, field} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	// FNV's low bits mix poorly for short inputs; a final avalanche step
	// (from SplitMix64) spreads every input bit over the result.
	x := h.Sum64()
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return float64(x>>11) / (1 << 53)
}

func cents(x float64) float64 { return math.Round(x*100) / 100 }
