// Package lessons holds the source of the lesson packages, so that
// programs built outside this module, such as graded exercises, can import
// them.
package lessons

import "embed"

// Source holds every lesson package's Go files, by path relative to this
// directory: prices/prices.go and so on.
//
//go:embed */*.go
var Source embed.FS
