// Command pulumi-resource-kubernetes serves the upstream Pulumi Kubernetes
// provider (github.com/pulumi/pulumi-kubernetes/provider/v4).
//
// Upstream's own main package embeds schema-embed.json and
// terraform-mapping-embed.json, which its release build generates and the Go
// module does not ship, so it cannot be built from the module alone. This
// main does the same thing with files that tools/provider-kubernetes/build
// generates from the module's schema.json (with "version" set) and
// terraform-mapping.json into ./embed/ (git-ignored) before `go build`.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed embed/schema.json
var pulumiSchema []byte

//go:embed embed/terraform-mapping.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
