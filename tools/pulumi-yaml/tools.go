//go:build tools

// Package tools pins Pulumi YAML's language host (pulumi-language-yaml) so that
// `go build` of its main package resolves against the versions recorded in this
// module's go.mod and go.sum. Nothing here is compiled into a binary of ours.
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
)
