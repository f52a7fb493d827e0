//go:build tools

// Package tools pins the MinIO server that the S3-backend tests and the demo run against.
package tools

import (
	_ "github.com/minio/minio"
)
