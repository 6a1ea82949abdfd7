//go:build ignore

// Goroutines exchanging bytes through io.Pipe: numbers encoded with
// encoding/binary, JSON records with struct tags, and lines of text.
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

type Price struct {
	Exchange string  `json:"exchange"`
	Symbol   string  `json:"symbol"`
	Close    float64 `json:"close"`
	Day      int     `json:"day"`
	Volume   *int    `json:"volume,omitempty"`
}

func main() {
	r, w := io.Pipe()
	go func() {
		for i := range 10000 {
			if err := binary.Write(w, binary.LittleEndian, int32(1)); err != nil {
				w.CloseWithError(fmt.Errorf("write %d: %w", i, err))
				return
			}
		}
		w.Close()
	}()
	sum := int64(0)
	for {
		var v int32
		err := binary.Read(r, binary.LittleEndian, &v)
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println("read:", err)
			break
		}
		sum += int64(v)
	}
	fmt.Println("sum of ones through a pipe:", sum)

	jr, jw := io.Pipe()
	go func() {
		enc := json.NewEncoder(jw)
		vol := 42
		for day := 1; day <= 3; day++ {
			p := Price{"kraken", "BTC", float64(day) * 1.5, day, nil}
			if day == 2 {
				p.Volume = &vol
			}
			enc.Encode(p)
		}
		jw.Close()
	}()
	dec := json.NewDecoder(jr)
	for {
		var p Price
		if err := dec.Decode(&p); err != nil {
			fmt.Println("decode ended:", err)
			break
		}
		b, _ := json.Marshal(p)
		fmt.Println(string(b), p.Volume != nil)
	}

	lr, lw := io.Pipe()
	go func() {
		for _, s := range []string{"Is", "this", "on?", "end"} {
			fmt.Fprintln(lw, s)
		}
		lw.Close()
	}()
	sc := bufio.NewScanner(lr)
	var got []string
	for sc.Scan() {
		if sc.Text() == "end" {
			break
		}
		got = append(got, sc.Text())
	}
	fmt.Println(strings.Join(got, " "))

	var null *Price
	b, _ := json.Marshal(null)
	var back map[string]any
	json.Unmarshal([]byte(`{"exchange":"bitstamp","close":10.25,"day":31}`), &back)
	fmt.Println(string(b), back["exchange"], back["close"], back["day"])
}
