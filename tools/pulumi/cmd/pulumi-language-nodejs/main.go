// Command pulumi-language-nodejs is berth's own, minimal Node.js language host
// for the Pulumi engine.
//
// Upstream's language host lives in its own Go module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3), which
// the Go module proxy reachable from our machines does not serve (every query
// answers 403, see tools/README.md). This program implements the part of the
// LanguageRuntime gRPC service that the CLI needs to run a plain Node.js or
// TypeScript program with @pulumi/pulumi from npm:
//
//   - Handshake, GetPluginInfo, Cancel
//   - GetRequiredPackages: provider packages found in node_modules package.json
//     files that declare {"pulumi": {"resource": true}}
//   - Run: starts `node <@pulumi/pulumi/cmd/run> ...` in the program directory,
//     passing the engine and resource monitor addresses and the stack config
//   - InstallDependencies, GetProgramDependencies, About: through the package
//     manager helpers that ship in the sdk/v3 module
//
//   - RunPlugin (run_plugin.go): providers and policy packs written in Node.js
//
// Everything else (code generation, packing, linking, synchronous invokes over
// pipes) answers Unimplemented. It is written from the gRPC contract in sdk/v3's proto
// package and the command line that @pulumi/pulumi's cmd/run accepts.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// runModule is the entry point inside the @pulumi/pulumi npm package that
// loads and runs a user's program.
const runModule = "@pulumi/pulumi/cmd/run"

// exitAlreadyReported is the exit code @pulumi/pulumi's runner uses after it
// has already shown the user an actionable error: the engine should bail
// without adding a message of its own.
const exitAlreadyReported = 32

func main() {
	tracing := flag.String("tracing", "", "Emit tracing to a Zipkin-compatible endpoint (passed on to the program)")
	runtimeName := flag.String("runtime", "nodejs", "Runtime to run programs with; only `nodejs` is supported")
	showVersion := flag.Bool("version", false, "Print the plugin version and exit")
	flag.Parse()

	if *showVersion {
		fmt.Println(version.Version)
		return
	}
	if *runtimeName != "nodejs" {
		cmdutil.Exit(fmt.Errorf("unsupported runtime %q: this language host only runs nodejs", *runtimeName))
	}

	logging.InitLogging(false, 0, false)

	var engineAddress string
	if args := flag.Args(); len(args) > 0 {
		engineAddress = args[0]
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	cancelServe := make(chan bool)
	go func() {
		<-ctx.Done()
		stop()
		close(cancelServe)
	}()

	if engineAddress != "" {
		// Exit when the engine goes away.
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, stop); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start health check: %w", err))
		}
	}

	hostCtx, hostCancel := context.WithCancel(context.Background())
	host := &languageHost{
		engineAddress: engineAddress,
		tracing:       *tracing,
		cancelCtx:     hostCtx,
		cancel:        hostCancel,
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancelServe,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host RPC server: %w", err))
	}

	// The engine reads the port we listen on from our first line of output.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host RPC server stopped: %w", err))
	}
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	engineAddress string
	tracing       string
	cancelCtx     context.Context
	cancel        context.CancelFunc
}

func (h *languageHost) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.GetEngineAddress()
	if h.engineAddress != "" {
		hcCtx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		if err := rpcutil.Healthcheck(hcCtx, h.engineAddress, 5*time.Minute, stop); err != nil {
			return nil, fmt.Errorf("could not start health check: %w", err)
		}
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *languageHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancel()
	return &emptypb.Empty{}, nil
}

// options are the `runtime.options` of a Pulumi.yaml that this host honours.
type options struct {
	typescript     bool
	tsconfig       string
	nodeargs       []string
	packagemanager npm.PackageManagerType
	production     bool
}

func parseOptions(info *pulumirpc.ProgramInfo) (options, error) {
	opts := options{typescript: true, packagemanager: npm.AutoPackageManager}
	if info == nil || info.GetOptions() == nil {
		return opts, nil
	}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"]; ok {
		b, ok := v.(bool)
		if !ok {
			return opts, errors.New("runtime option typescript must be a boolean")
		}
		opts.typescript = b
	}
	if v, ok := m["tsconfig"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, errors.New("runtime option tsconfig must be a string")
		}
		opts.tsconfig = s
	}
	if v, ok := m["nodeargs"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, errors.New("runtime option nodeargs must be a string")
		}
		opts.nodeargs = strings.Fields(s)
	}
	if v, ok := m["production"]; ok {
		b, ok := v.(bool)
		if !ok {
			return opts, errors.New("runtime option production must be a boolean")
		}
		opts.production = b
	}
	if v, ok := m["packagemanager"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, errors.New("runtime option packagemanager must be a string")
		}
		switch pm := npm.PackageManagerType(s); pm {
		case npm.AutoPackageManager, npm.NpmPackageManager, npm.YarnPackageManager,
			npm.PnpmPackageManager, npm.BunPackageManager:
			opts.packagemanager = pm
		default:
			return opts, fmt.Errorf("runtime option packagemanager must be auto, npm, yarn, pnpm or bun, got %q", s)
		}
	}
	return opts, nil
}

// packageJSON holds the fields of a package.json that matter here.
type packageJSON struct {
	Name    string                  `json:"name"`
	Version string                  `json:"version"`
	Pulumi  plugin.PulumiPluginJSON `json:"pulumi"`
}

func (h *languageHost) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	var pkgs []*pulumirpc.PackageDependency
	seen := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable entries are skipped, as a best effort
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() != "package.json" || !strings.Contains(path, string(filepath.Separator)+"node_modules"+string(filepath.Separator)) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		var info packageJSON
		if json.Unmarshal(b, &info) != nil || !info.Pulumi.Resource {
			return nil
		}
		name := info.Pulumi.Name
		if name == "" {
			if !strings.HasPrefix(info.Name, "@pulumi/") {
				logging.V(3).Infof("%s: third-party package without pulumi.name, skipped", path)
				return nil
			}
			name = strings.TrimPrefix(info.Name, "@pulumi/")
		}
		ver := info.Pulumi.Version
		if ver == "" {
			ver = info.Version
		}
		if ver != "" && !strings.HasPrefix(ver, "v") {
			ver = "v" + ver
		}
		dep := &pulumirpc.PackageDependency{
			Name: name, Kind: "resource", Version: ver, Server: info.Pulumi.Server,
		}
		if p := info.Pulumi.Parameterization; p != nil {
			dep.Parameterization = &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
		}
		key := name + "@" + ver
		if dep.Parameterization != nil {
			key += "/" + dep.Parameterization.Name + "@" + dep.Parameterization.Version
		}
		if !seen[key] {
			seen[key] = true
			pkgs = append(pkgs, dep)
		}
		return nil
	})
	if err != nil {
		logging.V(3).Infof("errors while discovering packages: %v", err)
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: pkgs}, nil
}

func (h *languageHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	// The engine falls back to GetRequiredPackages.
	return nil, status.Error(codes.Unimplemented, "use GetRequiredPackages")
}

// resolveRunModule asks node where @pulumi/pulumi's runner is, seen from the
// program directory, so the program's own copy of the SDK is used.
func resolveRunModule(ctx context.Context, nodeBin, programDir string) (string, error) {
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)); } catch (e) { `+
		`if (e.code === "MODULE_NOT_FOUND") { console.error("It looks like the Pulumi SDK has not been installed. `+
		`Have you run npm install (or pulumi install)?"); } else { console.error(e.message); } process.exit(1); }`,
		runModule)
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script)
	cmd.Dir = programDir
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", errors.New(strings.TrimSpace(string(ee.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	if info == nil {
		return nil, errors.New("RunRequest has no program info")
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the $PATH: " + err.Error()}, nil
	}
	opts, err := parseOptions(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runPath, err := resolveRunModule(ctx, nodeBin, info.GetProgramDirectory())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	// Config keys reach the SDK in the "<namespace>:config:<name>" form it
	// has always accepted.
	cfg := make(map[string]string, len(req.GetConfig()))
	for k, v := range req.GetConfig() {
		key, err := config.ParseKey(k)
		if err != nil {
			return &pulumirpc.RunResponse{Error: err.Error()}, nil
		}
		cfg[key.Namespace()+":config:"+key.Name()] = v
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runPath)
	add := func(flag, value string) {
		if value != "" {
			args = append(args, "--"+flag, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", info.GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", h.tracing)
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(cfgJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretJSON),
	)
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	// Stop node when the engine cancels us or the request goes away.
	cmdCtx, cmdCancel := context.WithCancel(h.cancelCtx)
	defer cmdCancel()
	context.AfterFunc(ctx, cmdCancel)
	cmd := exec.CommandContext(cmdCtx, nodeBin, args...)
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = 5 * time.Second
	cmd.Dir = info.GetProgramDirectory()
	cmd.Env = env
	// Node may switch its stdio to non-blocking mode; wrapping the writers
	// makes exec copy through pipes instead of handing our fds to node.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	logging.V(5).Infof("language host running: %s %s", nodeBin, strings.Join(args, " "))

	if err := cmd.Run(); err != nil {
		_ = os.Stdout.Sync()
		_ = os.Stderr.Sync()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ee.ExitCode() == exitAlreadyReported {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", ee.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: "could not run node: " + err.Error()}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

func (h *languageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()

	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return err
	}
	dir := req.GetInfo().GetProgramDirectory()
	if root, err := npm.FindWorkspaceRoot(dir); err == nil {
		fmt.Fprintf(stdout, "Detected workspace root at %s\n", root)
		dir = root
	} else if !errors.Is(err, npm.ErrNotInWorkspace) {
		return fmt.Errorf("looking for a workspace root: %w", err)
	}
	fmt.Fprintf(stdout, "Installing dependencies...\n\n")
	if _, err := npm.Install(server.Context(), opts.packagemanager, dir, opts.production, stdout, stderr); err != nil {
		return fmt.Errorf("installing dependencies: %w", err)
	}
	fmt.Fprintf(stdout, "Finished installing dependencies\n\n")
	return closer.Close()
}

func (h *languageHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	pm, err := npm.ResolvePackageManager(opts.packagemanager, req.GetInfo().GetProgramDirectory())
	if err != nil {
		return nil, err
	}
	pkgs, err := pm.ListPackages(ctx, req.GetInfo().GetProgramDirectory(), req.GetTransitiveDependencies())
	if err != nil {
		return nil, fmt.Errorf("listing node dependencies: %w", err)
	}
	deps := make([]*pulumirpc.DependencyInfo, 0, len(pkgs))
	for _, p := range pkgs {
		deps = append(deps, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

func (h *languageHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	resp := &pulumirpc.AboutResponse{Executable: nodeBin, Metadata: map[string]string{}}
	if out, err := exec.CommandContext(ctx, nodeBin, "--version").Output(); err == nil {
		resp.Version = strings.TrimSpace(string(out))
	}
	// The package manager's name only: the CLI waits for About before every
	// update, and its version would cost a `npm --version` (a Node.js start,
	// 0.3-0.7 s here) on each `pulumi up`.
	if opts, err := parseOptions(req.GetInfo()); err == nil {
		if pm, err := npm.ResolvePackageManager(opts.packagemanager, req.GetInfo().GetProgramDirectory()); err == nil {
			resp.Metadata["packagemanager"] = pm.Name()
		}
	}
	return resp, nil
}

func (h *languageHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}
