// Command gen writes the two JSON documents that the provider binary embeds:
// the package schema with its "version" field set, and the Terraform mapping.
// It reads them from the provider module's cmd/pulumi-resource-kubernetes
// directory in the module cache and round-trips them through encoding/json
// (the schema through schema.PackageSpec), as upstream's release build does.
//
//	go run ./gen -version 4.25.0 -src <module dir>/cmd/pulumi-resource-kubernetes -out ./embed
package main

import (
	"encoding/json"
	"flag"
	"log"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	version := flag.String("version", "", "provider version to write into the schema, e.g. 4.25.0")
	src := flag.String("src", "", "directory holding schema.json and terraform-mapping.json")
	out := flag.String("out", "embed", "directory to write schema.json and terraform-mapping.json to")
	flag.Parse()
	if *version == "" || *src == "" {
		log.Fatal("usage: gen -version X.Y.Z -src DIR [-out DIR]")
	}

	raw, err := os.ReadFile(filepath.Join(*src, "schema.json"))
	if err != nil {
		log.Fatal(err)
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		log.Fatalf("parsing schema.json: %v", err)
	}
	spec.Version = *version
	schemaOut, err := json.Marshal(spec)
	if err != nil {
		log.Fatalf("writing schema: %v", err)
	}

	raw, err = os.ReadFile(filepath.Join(*src, "terraform-mapping.json"))
	if err != nil {
		log.Fatal(err)
	}
	var mapping any
	if err := json.Unmarshal(raw, &mapping); err != nil {
		log.Fatalf("parsing terraform-mapping.json: %v", err)
	}
	mappingOut, err := json.Marshal(mapping)
	if err != nil {
		log.Fatalf("writing terraform mapping: %v", err)
	}

	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for name, b := range map[string][]byte{"schema.json": schemaOut, "terraform-mapping.json": mappingOut} {
		if err := os.WriteFile(filepath.Join(*out, name), b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
