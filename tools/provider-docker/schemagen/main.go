// Command schemagen writes the schema that pulumi-resource-docker embeds: the
// provider module's schema.json with its top-level "version" set.
//
//	go run ./schemagen <schema.json> <out.json> <version>
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: schemagen <schema.json> <out.json> <version>")
		os.Exit(2)
	}
	in, out, version := os.Args[1], os.Args[2], os.Args[3]
	if err := run(in, out, version); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(in, out, version string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var spec map[string]json.RawMessage
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	var name string
	if err := json.Unmarshal(spec["name"], &name); err != nil || name != "docker" {
		return fmt.Errorf("%s: expected the schema of package \"docker\", got name %s", in, spec["name"])
	}
	v, err := json.Marshal(version)
	if err != nil {
		return err
	}
	spec["version"] = v
	b, err := json.Marshal(spec)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}
