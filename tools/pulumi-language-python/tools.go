//go:build tools

// Package tools pins the Python language host (pulumi-language-python), which runs
// the program in examples/python and generates the Python SDK. Like the Node.js
// and Go hosts', its module has no version tags, only pseudo-versions; see
// tools/README.md.
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3"
)
