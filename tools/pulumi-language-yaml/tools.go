//go:build tools

// Package tools pins the Pulumi YAML language host (pulumi-language-yaml), which
// runs the programs in examples/yaml; see tools/README.md.
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
)
