// Command pulumi-resource-docker is berth's build of the Pulumi Docker
// provider plugin. Upstream's own main embeds a schema file that is generated
// at release time and not shipped in the module, so this main embeds
// schema-embed.json, which ./build writes (with ./schemagen) from the provider
// module's cmd/pulumi-resource-docker/schema.json just before `go build`.
package main

import (
	_ "embed"

	docker "github.com/pulumi/pulumi-docker/provider/v5"
	"github.com/pulumi/pulumi-docker/provider/v5/pkg/version"
)

//go:embed schema-embed.json
var schema []byte

func main() {
	// version.Version is set with -ldflags -X by ./build.
	docker.Serve("docker", version.Version, schema)
}
