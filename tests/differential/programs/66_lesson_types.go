//go:build ignore

// The lesson packages' types used as the package docs show: modes of the
// GIL simulator (an interface with an unexported method), and errors and
// values printed through their String and Error methods.
package main

import (
	"context"
	"fmt"
	"time"

	"goconc/lessons/executor"
	"goconc/lessons/gil"
)

func main() {
	modes := []gil.Mode{gil.Python3{SwitchInterval: 5 * time.Millisecond}, gil.Python2{}, gil.NoGIL{}}
	for _, m := range modes {
		interp := gil.New(m)
		fmt.Println(interp != nil, m)
	}
	fmt.Println(modes)

	unlucky := func(ctx context.Context, x any) (any, error) {
		if x == 7 {
			panic("seven is unlucky")
		}
		return x.(int) * 10, nil
	}
	pool := executor.NewPool(2)
	defer pool.Shutdown(true)
	results, failures := executor.MapCollect(context.Background(), pool, unlucky, []any{5, 6, 7, 8})
	fmt.Println(results)
	fmt.Println(failures)
	for _, f := range failures {
		fmt.Printf("%v | %s\n", f, f.Err)
	}
}
