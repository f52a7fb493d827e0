//go:build tools

// Package tools pins the Pulumi CLI so that `go install` builds it at the
// version matching the @pulumi/pulumi devDependency.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
