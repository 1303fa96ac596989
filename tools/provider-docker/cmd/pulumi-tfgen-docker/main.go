// Command pulumi-tfgen-docker writes the Pulumi schema of berth's Docker
// provider and its bridge metadata:
//
//	pulumi-tfgen-docker schema --skip-examples --out <dir>
//
// ./build runs it, then builds pulumi-resource-docker with both files
// embedded. TF_DOCKER_SRC names the provider's source tree, whose docs/ gives
// the schema its descriptions.
package main

import (
	"os"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"

	docker "berth.dev/tools/provider-docker"
)

func main() {
	info := docker.Info(nil)
	info.UpstreamRepoPath = os.Getenv("TF_DOCKER_SRC")
	tfgen.Main("docker", docker.Version, info)
}
