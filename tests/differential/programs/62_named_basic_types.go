//go:build ignore

// Values of named types with basic underlying types and no methods,
// carried in interfaces: a type switch and %T must tell Cents from int.
package main

import "fmt"

type Cents int
type Celsius float64

func describe(v any) string {
	switch x := v.(type) {
	case Cents:
		return fmt.Sprintf("%d cents", int(x))
	case Celsius:
		return fmt.Sprintf("%.1f degrees", float64(x))
	case int:
		return fmt.Sprintf("int %d", x)
	case float64:
		return fmt.Sprintf("float64 %.1f", x)
	}
	return "other"
}

func main() {
	results := make(chan any, 4)
	go func() {
		results <- Cents(250)
		results <- 3
		results <- Celsius(21.5)
		results <- 2.5
		close(results)
	}()
	for r := range results {
		fmt.Printf("%s (%T)\n", describe(r), r)
	}
}
