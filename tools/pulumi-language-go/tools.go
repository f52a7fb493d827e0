//go:build tools

// Package tools pins the Go language host (pulumi-language-go), which runs the
// program in examples/go. Like the Node.js host's, its module has no version
// tags, only pseudo-versions; see tools/README.md.
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3"
)
