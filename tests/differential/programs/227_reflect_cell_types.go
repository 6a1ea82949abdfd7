//go:build ignore

// reflect.TypeOf of a program's own struct types, directly, through an
// any and through an interface the program declares: Name, String,
// PkgPath, Kind, NumField, Field's names and tags, printing the type,
// comparing types.
package main

import (
	"fmt"
	"reflect"
)

type Shape interface{ Area() float64 }
type Circle struct {
	R float64 `json:"r"`
}

func (c Circle) Area() float64 { return 3 * c.R * c.R }

type Person struct {
	Name string `json:"name"`
	Age  int    `json:"age,omitempty"`
	low  int
}

func main() {
	p := Person{Name: "v"}
	fmt.Println(reflect.TypeOf(p).Name(), reflect.TypeOf(p).Kind(), reflect.TypeOf(p).NumField(), reflect.TypeOf(p).String(), reflect.TypeOf(p).PkgPath())
	fmt.Println(reflect.TypeOf(p))
	fmt.Printf("%v %s\n", reflect.TypeOf(p), reflect.TypeOf(p))
	f := reflect.TypeOf(p).Field(2)
	fmt.Println(f.Name, f.IsExported(), reflect.TypeOf(p).Field(0).Tag.Get("json"), reflect.TypeOf(p).Field(0).Tag)
	var x any = p
	fmt.Println(reflect.TypeOf(x).Name(), reflect.TypeOf(x))
	var s Shape = Circle{1}
	fmt.Println(reflect.TypeOf(s).Name(), reflect.TypeOf(s), reflect.TypeOf(s) == reflect.TypeOf(Circle{}))
	fmt.Println(reflect.TypeOf(p) == reflect.TypeOf(Person{}), reflect.TypeOf(p) == reflect.TypeOf(x))
	fmt.Println(reflect.ValueOf(p).Type().Name(), reflect.ValueOf(p).Field(0))
}
