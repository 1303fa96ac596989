//go:build tools

// Package tools pins the upstream Pulumi CLI so that `go build` of its main
// package resolves against the versions recorded in this module's go.mod and
// go.sum. Nothing here is compiled into a binary of ours.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
