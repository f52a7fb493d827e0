//go:build tools

// Package tools pins the Node.js language host. Its module has no version tags,
// only pseudo-versions, and the Go module proxy here serves only those that were
// fetched publicly before; see tools/README.md.
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
)
