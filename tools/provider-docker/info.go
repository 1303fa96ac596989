// Package docker is berth's bridge of kreuzwerker's Terraform Docker provider
// to Pulumi: the tfbridge.ProviderInfo that maps each Terraform resource and
// data source to the token the npm package @pulumi/docker uses.
//
// The mapping follows the published SDK, not our taste: a name that differs
// here breaks every program written against @pulumi/docker. The schema test
// (tests/provider-docker/schema-matches-sdk.spec.ts) holds the two together.
package docker

import (
	"context"
	"unicode"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	tfbridgetokens "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge/tokens"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/terraform-providers/terraform-provider-docker/shim"
)

// Version is the plugin's version, set with -ldflags -X by ./build. It must
// equal the pulumi.version of the @pulumi/docker npm package in package.json,
// since that is the plugin version the engine asks for.
var Version = "0.0.0-dev"

const (
	pkg = "docker"
	mod = "index"
	// The engine's default when neither docker:host nor DOCKER_HOST is set.
	defaultHost = "unix:///var/run/docker.sock"
)

// resource is the token of a resource in module index, in the SDK's layout:
// docker:index/remoteImage:RemoteImage.
func resource(name string) tokens.Type {
	return tokens.Type(pkg + ":" + mod + "/" + lowerFirst(name) + ":" + name)
}

// dataSource is the token of a function: docker:index/getNetwork:getNetwork.
func dataSource(name string) tokens.ModuleMember {
	return tokens.ModuleMember(pkg + ":" + mod + "/" + name + ":" + name)
}

func lowerFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// Info is the provider's bridge description. metadata is the
// bridge-metadata.json that tfgen wrote beside the schema (nil when tfgen
// itself runs, which writes it).
func Info(metadata []byte) tfbridge.ProviderInfo {
	info := tfbridge.ProviderInfo{
		P:            shimv2.NewProvider(shim.NewProvider(Version)),
		Name:         pkg,
		Version:      Version,
		Description:  "A Pulumi package for interacting with Docker in Pulumi programs",
		Keywords:     []string{"pulumi", "docker"},
		License:      "Apache-2.0",
		GitHubOrg:    "kreuzwerker",
		MetadataInfo: tfbridge.NewProviderMetadata(metadata),
		Config: map[string]*tfbridge.SchemaInfo{
			"host": {
				Default: &tfbridge.DefaultInfo{
					EnvVars: []string{"DOCKER_HOST"},
					ComputeDefault: func(context.Context, tfbridge.ComputeDefaultOptions) (interface{}, error) {
						return defaultHost, nil
					},
				},
			},
			// A list in the SDK (registryAuth: ProviderRegistryAuth[]), not flattened.
			"registry_auth": {Name: "registryAuth", MaxItemsOne: tfbridge.False()},
		},
		Resources: map[string]*tfbridge.ResourceInfo{
			"docker_buildx_builder": {Tok: resource("BuildxBuilder")},
			"docker_config":         {Tok: resource("ServiceConfig")},
			"docker_container": {
				Tok: resource("Container"),
				// A container's name is fixed by the program, so a replacement
				// must remove the old container before it creates the new one.
				DeleteBeforeReplace: true,
				Fields: map[string]*tfbridge.SchemaInfo{
					// The SDK keeps these singular although they are lists.
					"command":           {Name: "command"},
					"networks_advanced": {Name: "networksAdvanced"},
				},
			},
			"docker_image": {
				Tok:    resource("RemoteImage"),
				Fields: map[string]*tfbridge.SchemaInfo{"name": {Name: "name"}},
			},
			"docker_network":        {Tok: resource("Network")},
			"docker_plugin":         {Tok: resource("Plugin")},
			"docker_registry_image": {Tok: resource("RegistryImage")},
			"docker_secret":         {Tok: resource("Secret")},
			"docker_service":        {Tok: resource("Service")},
			"docker_tag":            {Tok: resource("Tag")},
			"docker_volume":         {Tok: resource("Volume")},
		},
		DataSources: map[string]*tfbridge.DataSourceInfo{
			"docker_image":          {Tok: dataSource("getRemoteImage")},
			"docker_logs":           {Tok: dataSource("getLogs")},
			"docker_network":        {Tok: dataSource("getNetwork")},
			"docker_plugin":         {Tok: dataSource("getPlugin")},
			"docker_registry_image": {Tok: dataSource("getRegistryImage")},
		},
	}
	// Anything the provider gains that is not listed above gets the standard
	// token (docker_foo_bar -> docker:index/fooBar:FooBar) instead of failing.
	info.MustComputeTokens(tfbridgetokens.SingleModule("docker_", mod, tfbridgetokens.MakeStandard(pkg)))
	info.MustApplyAutoAliases()
	info.SetAutonaming(255, "-")
	return info
}
