package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// pluginModules are the entry points inside @pulumi/pulumi that load a plugin
// written in Node.js: a provider (a component provider among them) or a policy pack.
var pluginModules = map[string]string{
	"resource": "@pulumi/pulumi/cmd/run-plugin",
	"analyzer": "@pulumi/pulumi/cmd/run-policy-pack",
}

// RunPlugin starts a plugin written in Node.js (a directory with a
// PulumiPlugin.yaml or, for a policy pack, a PulumiPolicy.yaml, `runtime:
// nodejs`) and streams its stdout and stderr back
// to the engine, which reads the plugin's gRPC port from the first line of
// stdout. The plugin's package.json "main" (or index.js) is its entry.
func (h *languageHost) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	info := req.GetInfo()
	dir := info.GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	kind := req.GetKind()
	if kind == "" {
		kind = "resource"
	}
	module, ok := pluginModules[kind]
	if !ok {
		return fmt.Errorf("cannot run a %q plugin written in Node.js", kind)
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	runPath, err := resolveModule(nodeBin, dir, module)
	if err != nil {
		return err
	}
	// The entry is relative to the plugin's directory, never to the caller's.
	entry := filepath.Join(dir, info.GetEntryPoint())
	args := append([]string{runPath}, pluginCommandLine(kind, entry, req.GetArgs())...)

	cmd := exec.CommandContext(ctx, nodeBin, args...)
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = 5 * time.Second
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), req.GetEnv()...)
	cmd.Stdout = streamWriter(func(b []byte) error {
		return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}})
	})
	cmd.Stderr = streamWriter(func(b []byte) error {
		return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}})
	})

	code := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return fmt.Errorf("could not run node: %w", err)
		}
		code = ee.ExitCode()
	}
	return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

// pluginCommandLine is what follows the runner module on node's command line.
// run-plugin takes `<program> [flags]`; run-policy-pack takes
// `<engine address> <program>`, and the engine sends an analyzer its address
// as the last argument, after any logging or tracing flags. Those flags go
// last: minimist would take a positional argument after `--logtostderr` as
// that flag's value.
func pluginCommandLine(kind, entry string, args []string) []string {
	if kind != "analyzer" || len(args) == 0 {
		return append([]string{entry}, args...)
	}
	engineAddress, flags := args[len(args)-1], args[:len(args)-1]
	return append([]string{engineAddress, entry}, flags...)
}

// streamWriter sends each write as one message (a copy: the caller reuses its buffer).
type streamWriter func([]byte) error

func (w streamWriter) Write(p []byte) (int, error) {
	if err := w(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// resolveModule asks node where a module of @pulumi/pulumi is, seen from dir.
func resolveModule(nodeBin, dir, module string) (string, error) {
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)); } catch (e) { console.error(e.message); process.exit(1); }`, module)
	cmd := exec.Command(nodeBin, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("cannot find %s from %s (is @pulumi/pulumi installed?): %s", module, dir, strings.TrimSpace(string(ee.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}
