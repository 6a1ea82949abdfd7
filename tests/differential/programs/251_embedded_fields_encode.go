//go:build ignore

// encoding/json and encoding/xml promote the fields of embedded structs
// among several fields (a struct, a pointer to one, sync.Mutex), when
// encoding and decoding; an embedded time.Time encodes as the time.
package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"sync"
	"time"
)

type Inner struct {
	P int
	q int
}

type Base struct {
	ID int `json:"id"`
}

type Outer struct {
	Inner
	*Base
	C int
}

type Locked struct {
	sync.Mutex
	N int
}

type Stamp struct {
	time.Time
	Note string
}

func main() {
	b, err := json.Marshal(Outer{Inner{1, 2}, &Base{7}, 3})
	fmt.Println(string(b), err)
	var o Outer
	fmt.Println(json.Unmarshal([]byte(`{"P":5,"id":9,"C":1}`), &o), o.P, o.Base != nil && o.ID == 9, o.C)
	b, err = json.Marshal(&Locked{N: 1})
	fmt.Println(string(b), err)
	b, err = xml.Marshal(Outer{Inner{1, 2}, nil, 3})
	fmt.Println(string(b), err)
	b, err = json.Marshal(Stamp{time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC), "n"})
	fmt.Println(string(b), err)
}
