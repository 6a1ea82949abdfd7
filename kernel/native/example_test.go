package native_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"goconc/kernel/native"
)

// A Go file checked under the race detector, as the autograder does: the
// file's text without its package clause is the one earlier cell, named
// after the file, and the cell calls its main.
func ExampleBuilder_Build() {
	ctx := context.Background()
	b := native.NewBuilder(native.BuilderOptions{})
	file := "\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n"
	prog, err := b.Build(ctx,
		[]native.Cell{{Count: 1, Name: "solution.go", Source: file}},
		native.Cell{Count: 2, Source: "main()"},
		native.BuildOptions{Race: true})
	if err != nil {
		log.Fatal(err) // a *native.BuildError names solution.go:LINE:COL
	}
	defer prog.Close()
	res, err := prog.Run(ctx, native.RunOptions{Stdout: os.Stdout, Stderr: os.Stderr})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range res.Races {
		fmt.Print(r.Report) // frames named solution.go:LINE
	}
	fmt.Println(res.OK(), res.Wall > 0)
}
