//go:build tools

// Package tools pins the Java language host (pulumi-language-java), which runs the
// program in examples/java and generates the Java SDK. It lives in pulumi-java's
// own module, github.com/pulumi/pulumi-java/pkg, which has release tags; see
// tools/README.md.
package tools

import (
	_ "github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java"
)
