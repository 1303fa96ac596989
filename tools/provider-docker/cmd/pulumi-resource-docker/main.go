// Command pulumi-resource-docker is berth's build of the Pulumi Docker
// provider plugin: kreuzwerker's Terraform provider behind the Pulumi
// Terraform bridge. ./build writes schema.json (with its version set) and
// bridge-metadata.json beside this file, from pulumi-tfgen-docker, before it
// builds; they are not in the checkout.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"

	docker "berth.dev/tools/provider-docker"
)

//go:embed schema.json
var schema []byte

//go:embed bridge-metadata.json
var metadata []byte

func main() {
	tfbridge.Main("docker", docker.Version, docker.Info(metadata), schema)
}
