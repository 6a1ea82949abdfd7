// Package goconc carries the source that native cells build against: the
// packages cells import (display and lessons) and the module's go.mod and
// go.sum. The goconc binary embeds it so that it builds native cells
// without the clone it was built from.
package goconc

import "embed"

// Source holds go.mod, go.sum and the display and lessons trees.
//
//go:embed go.mod go.sum display lessons
var Source embed.FS
