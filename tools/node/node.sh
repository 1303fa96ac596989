# shellcheck shell=bash
# The local node of tools/cluster (`tools/cluster start --node`): sourced by
# tools/cluster, whose helpers it uses (log, die, launch, wait_for, our_pid,
# stop_one, curl_api, leaf, write_kubeconfig, pick_port, fail_start).
#
# One node per machine, named berth-node, on a bridge of its own:
#
#   berth0        10.244.0.1/24, the pods' bridge; its address is the node's IP
#   pods          10.244.0.0/24 (CNI bridge + host-local + portmap + firewall)
#   Services      10.0.0.0/24 (the API server's range); cluster DNS 10.0.0.10
#   LoadBalancer  10.0.1.0/28, handed out by kube-router's allocator
#
# Processes (each in its own session, pid recorded like the control plane's):
#   containerd   Debian's, with its own root, state and socket in DIR/containerd
#   kubelet      cgroupfs driver, cgroup v1 allowed (failCgroupV1: false)
#   kube-proxy   iptables mode; NodePorts answer on 127.0.0.0/8 only
#   coredns      on 10.244.0.1:53, behind the kube-dns Service (10.0.0.10)
#   kube-router  NetworkPolicy firewall and LoadBalancer allocator only
#
# Nothing is pulled: containerd's registry mirrors all point at 127.0.0.1:1, the
# sandbox image (berth-test/pause:1) is built by tools/docker/build-test-images
# and imported, and workload images are imported with `tools/cluster load-image`.
# Pods can reach only the pod and Service ranges (their only routes), and the
# host routes neither the Service nor the LoadBalancer range anywhere
# (unreachable routes), so no packet meant for a Service leaves the machine:
# reach a Service from the host through its NodePort on 127.0.0.1.

node_name=berth-node
node_bridge=berth0
node_ip=10.244.0.1
pod_cidr=10.244.0.0/24
dns_ip=10.0.0.10
lb_cidr=10.0.1.0/28
node_port_range=30000-32767
sandbox_image=berth-test/pause:1
# The node is a machine-wide singleton (one bridge, one set of iptables chains):
# this file names the state dir of the cluster whose node runs.
node_owner_file=/run/berth-node/owner

node_components=(kube-scheduler containerd kubelet kube-proxy coredns kube-router)
debian_packages=(containerd runc containernetworking-plugins iptables ipset conntrack)
cni_bin=/usr/lib/cni

node_dir="$dir/node"
containerd_dir="$dir/containerd"
containerd_sock="$containerd_dir/containerd.sock"
crictl_config="$node_dir/crictl.yaml"

node_addons_bin() {
  printf '%s\n' "${BERTH_NODE_ADDONS_BIN:-${BERTH_TOOLS_CACHE:-$HOME/.cache/berth-tools}/node-addons/bin}"
}

crictl() { "$(node_addons_bin)/crictl" --config "$crictl_config" "$@"; }

# --- preflight: say which part cannot run here, and why -------------------------
# Each check prints "<part>: <why>" and the start fails before anything runs.
node_preflight() { # control-plane-bin
  local cp_bin="$1" addons problems=() b
  addons="$(node_addons_bin)"
  [[ "$(id -u)" == 0 ]] || problems+=("node: needs root (containerd, the kubelet and iptables change the host)")
  for b in kubelet kube-proxy kube-scheduler; do
    [[ -x "$cp_bin/$b" ]] || problems+=("$b: $cp_bin/$b not found; run tools/control-plane/build")
  done
  for b in coredns kube-router crictl; do
    [[ -x "$addons/$b" ]] || problems+=("$b: $addons/$b not found; run tools/node/build")
  done
  if ((${#problems[@]} == 0)); then
    node_install_packages || problems+=("container runtime: apt-get install ${debian_packages[*]} failed (see above)")
  fi
  for b in containerd runc iptables ipset conntrack; do
    command -v "$b" >/dev/null || problems+=("$b: not on PATH (Debian package missing)")
  done
  for b in bridge host-local loopback portmap firewall; do
    [[ -x "$cni_bin/$b" ]] || problems+=("CNI: $cni_bin/$b missing (Debian's containernetworking-plugins)")
  done
  [[ -e /dev/kmsg ]] || problems+=("kubelet: /dev/kmsg missing (its OOM watcher reads it)")
  [[ -d /sys/fs/cgroup/memory || -f /sys/fs/cgroup/cgroup.controllers ]] \
    || problems+=("kubelet: no memory cgroup (neither cgroup v1 memory nor cgroup v2 is mounted)")
  [[ -d /proc/sys/net/bridge ]] || modprobe br_netfilter 2>/dev/null || true
  [[ -d /proc/sys/net/bridge ]] \
    || problems+=("kube-proxy/kube-router: bridge netfilter unavailable (/proc/sys/net/bridge missing, modprobe br_netfilter failed): NetworkPolicies could not see pod-to-pod traffic")
  iptables -w 5 -t nat -S >/dev/null 2>&1 || problems+=("iptables: 'iptables -t nat -S' fails: $(iptables -w 5 -t nat -S 2>&1 | head -1)")
  ipset list -n >/dev/null 2>&1 || problems+=("kube-router: 'ipset list' fails: $(ipset list -n 2>&1 | head -1)")
  local clash
  clash="$(node_route_clash)" && problems+=("network: $clash")
  local owner
  if owner="$(node_running_owner)" && [[ "$owner" != "$dir" ]]; then
    problems+=("node: the cluster in $owner runs this machine's node (one per machine): tools/cluster stop --dir $owner")
  fi
  docker image inspect "$sandbox_image" >/dev/null 2>&1 || node_build_sandbox_image \
    || problems+=("sandbox image: $sandbox_image is not in the Docker engine and tools/docker/build-test-images could not build it (it needs a Docker engine: tools/docker/dockerd start)")
  if ((${#problems[@]})); then
    local p
    for p in "${problems[@]}"; do log "cannot run the node: $p"; done
    die "the node cannot start here (${#problems[@]} problem(s) above); the control plane is left as it was"
  fi
}

node_install_packages() {
  local missing=() p
  for p in "${debian_packages[@]}"; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
    || { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; }
}

node_build_sandbox_image() {
  log "building $sandbox_image (tools/docker/build-test-images)"
  "$here/docker/build-test-images" >&2 && docker image inspect "$sandbox_image" >/dev/null 2>&1
}

# Prints the clash and succeeds if a route not made by the node overlaps its ranges.
node_route_clash() {
  local cidr line
  for cidr in "$pod_cidr" "$service_cidr" "$lb_cidr"; do
    while IFS= read -r line; do
      [[ -n "$line" ]] || continue
      [[ "$line" == *"dev $node_bridge "* || "$line" == "unreachable "* ]] && continue
      printf '%s overlaps the route "%s" on this machine\n' "$cidr" "$line"
      return 0
    done < <(ip -4 route show match "$cidr" | grep -v '^default' ; ip -4 route show root "$cidr")
  done
  return 1
}

# The state dir of the cluster whose node runs on this machine (its kubelet or containerd alive).
node_running_owner() {
  local owner pid st
  [[ -f "$node_owner_file" ]] || return 1
  owner="$(cat "$node_owner_file")"
  for b in kubelet containerd; do
    [[ -f "$owner/run/$b.pid" ]] || continue
    read -r pid st <"$owner/run/$b.pid" || continue
    [[ -d "/proc/$pid" && "$(proc_starttime "$pid")" == "$st" ]] && { printf '%s\n' "$owner"; return 0; }
  done
  return 1
}

# --- host network -----------------------------------------------------------------
node_network_up() {
  sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 >/dev/null
  if ! ip link show "$node_bridge" >/dev/null 2>&1; then
    ip link add name "$node_bridge" type bridge
  fi
  ip addr replace "$node_ip/${pod_cidr#*/}" dev "$node_bridge"
  ip link set "$node_bridge" up
  # Traffic for a Service or LoadBalancer address that kube-proxy has not (yet)
  # rewritten is refused here instead of following the default route out.
  ip route replace unreachable "$service_cidr"
  ip route replace unreachable "$lb_cidr"
}

node_network_down() {
  ip route del unreachable "$service_cidr" 2>/dev/null || true
  ip route del unreachable "$lb_cidr" 2>/dev/null || true
  ip link del "$node_bridge" 2>/dev/null || true
}

# --- configuration ----------------------------------------------------------------
node_certs() {
  leaf kubelet "/O=system:nodes/CN=system:node:$node_name" clientAuth
  leaf kube-proxy "/CN=system:kube-proxy" clientAuth
  leaf kube-scheduler "/CN=system:kube-scheduler" clientAuth
  leaf coredns "/CN=berth:coredns" clientAuth
  leaf kube-router "/CN=berth:kube-router" clientAuth
  local name
  for name in kubelet kube-proxy kube-scheduler coredns kube-router; do
    write_kubeconfig "$node_dir/$name.kubeconfig" "$name"
  done
}

# ClusterRoles for the two add-ons that are not Kubernetes components (these
# have theirs built in), the kube-dns Service at the cluster DNS address and the
# EndpointSlice that sends it to CoreDNS on the bridge. An object that exists
# is left as it is.
node_api_objects() {
  local json
  for json in \
    '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"berth:coredns"},"rules":[{"apiGroups":[""],"resources":["services","namespaces","endpoints","pods"],"verbs":["list","watch"]},{"apiGroups":["discovery.k8s.io"],"resources":["endpointslices"],"verbs":["list","watch"]}]}' \
    '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"berth:coredns"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"berth:coredns"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"berth:coredns"}]}' \
    '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"berth:kube-router"},"rules":[{"apiGroups":[""],"resources":["namespaces","pods","services","nodes","endpoints"],"verbs":["get","list","watch"]},{"apiGroups":["networking.k8s.io"],"resources":["networkpolicies"],"verbs":["get","list","watch"]},{"apiGroups":["discovery.k8s.io"],"resources":["endpointslices"],"verbs":["get","list","watch"]},{"apiGroups":["coordination.k8s.io"],"resources":["leases"],"verbs":["get","create","update"]},{"apiGroups":[""],"resources":["services/status"],"verbs":["update"]},{"apiGroups":["","events.k8s.io"],"resources":["events"],"verbs":["create","patch","update"]}]}' \
    '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"berth:kube-router"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"berth:kube-router"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"berth:kube-router"}]}'; do
    node_ensure "/apis/rbac.authorization.k8s.io/v1/$(node_plural "$json")" "$json"
  done
  node_ensure /api/v1/namespaces/kube-system/services \
    "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"kube-dns\",\"namespace\":\"kube-system\",\"labels\":{\"k8s-app\":\"kube-dns\",\"app.kubernetes.io/managed-by\":\"berth-cluster\"}},\"spec\":{\"clusterIP\":\"$dns_ip\",\"ports\":[{\"name\":\"dns\",\"port\":53,\"protocol\":\"UDP\"},{\"name\":\"dns-tcp\",\"port\":53,\"protocol\":\"TCP\"}]}}"
  node_ensure /apis/discovery.k8s.io/v1/namespaces/kube-system/endpointslices \
    "{\"apiVersion\":\"discovery.k8s.io/v1\",\"kind\":\"EndpointSlice\",\"metadata\":{\"name\":\"kube-dns-host\",\"namespace\":\"kube-system\",\"labels\":{\"kubernetes.io/service-name\":\"kube-dns\",\"endpointslice.kubernetes.io/managed-by\":\"berth-cluster\"}},\"addressType\":\"IPv4\",\"endpoints\":[{\"addresses\":[\"$node_ip\"],\"conditions\":{\"ready\":true}}],\"ports\":[{\"name\":\"dns\",\"port\":53,\"protocol\":\"UDP\"},{\"name\":\"dns-tcp\",\"port\":53,\"protocol\":\"TCP\"}]}"
}

node_plural() { [[ "$1" == *'"kind":"ClusterRoleBinding"'* ]] && echo clusterrolebindings || echo clusterroles; }

node_ensure() { # collection-path json: creates the object unless one of its name exists
  local name code
  name="$(sed -n 's/^[^{]*{[^{]*"metadata":{"name":"\([^"]*\)".*/\1/p' <<<"$2")"
  [[ -n "$name" ]] || fail_start "no metadata.name in $2"
  curl_api "$1/$name" >/dev/null 2>&1 && return 0
  code="$(curl -sS -o "$node_dir/post.out" -w '%{http_code}' --max-time 10 --cacert "$pki/ca.crt" \
    --cert "$pki/admin.crt" --key "$pki/admin.key" -H 'Content-Type: application/json' \
    -X POST --data "$2" "https://127.0.0.1:${apiserver_port}$1")" || true
  [[ "$code" == 201 || "$code" == 409 ]] || fail_start "POST $1 answered $code: $(head -c 400 "$node_dir/post.out")"
}

node_write_configs() {
  mkdir -p "$node_dir/cni" "$containerd_dir" "$dir/kubelet"
  cat >"$node_dir/containerd.toml" <<EOF
version = 2
root = "$containerd_dir/root"
state = "$containerd_dir/state"
# Not the Debian default path, so that neither dockerd's containerd nor another one
# is disturbed; the plugins that would write outside DIR are off.
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs", "io.containerd.tracing.processor.v1.otlp"]

[grpc]
  address = "$containerd_sock"

[ttrpc]
  address = "$containerd_sock.ttrpc"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "docker.io/$sandbox_image"
  disable_apparmor = true
  # Root here lacks CAP_SYS_RESOURCE, so runc cannot lower a container's
  # oom_score_adj (the sandbox's -998 fails the pod): never below containerd's own.
  restrict_oom_score_adj = true
  # Pod network namespaces under DIR, so that stop can always clean them up.
  netns_mounts_under_state_dir = true
  stream_server_address = "127.0.0.1"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$containerd_dir/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$cni_bin"
    conf_dir = "$node_dir/cni"
    max_conf_num = 1
  # No registry is reachable from here, and none may be tried: every pull goes to
  # a closed port on loopback and fails at once.
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."*"]
    endpoint = ["http://127.0.0.1:1"]
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
    endpoint = ["http://127.0.0.1:1"]
EOF

  cat >"$node_dir/cni/10-berth.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "berth",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$node_bridge",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$node_dir/ipam",
        "ranges": [[{ "subnet": "$pod_cidr", "gateway": "$node_ip" }]],
        "routes": [{ "dst": "$service_cidr" }]
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } },
    { "type": "firewall" }
  ]
}
EOF

  cat >"$crictl_config" <<EOF
runtime-endpoint: unix://$containerd_sock
image-endpoint: unix://$containerd_sock
timeout: 30
EOF

  cat >"$node_dir/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $node_ip
port: $kubelet_port
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $kubelet_healthz_port
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: $pki/ca.crt }
authorization: { mode: Webhook }
containerRuntimeEndpoint: unix://$containerd_sock
cgroupDriver: cgroupfs
# This machine kind has cgroup v1 (a hybrid hierarchy); kubelet 1.35 refuses it by default.
failCgroupV1: false
failSwapOn: false
clusterDomain: cluster.local
clusterDNS: [$dns_ip]
# Pods get the cluster DNS only, not the host's resolvers or search domains.
resolvConf: ""
# The imported images are all there is: never garbage-collect them.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: { memory.available: 100Mi, nodefs.available: 5%, imagefs.available: 5%, nodefs.inodesFree: 2% }
registerNode: true
rotateCertificates: false
serializeImagePulls: false
EOF

  cat >"$node_dir/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: { kubeconfig: $node_dir/kube-proxy.kubeconfig }
hostnameOverride: $node_name
mode: iptables
clusterCIDR: $pod_cidr
# NodePorts on loopback only: the host reaches a Service at 127.0.0.1:<nodePort>.
nodePortAddresses: [127.0.0.0/8]
iptables: { localhostNodePorts: true }
healthzBindAddress: 127.0.0.1:$proxy_healthz_port
metricsBindAddress: 127.0.0.1:$proxy_metrics_port
# Root here lacks CAP_SYS_RESOURCE: kube-proxy could not lower its own OOM score.
oomScoreAdj: 0
# Leave the host's conntrack table size and timeouts as they are.
conntrack: { maxPerCore: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s }
EOF

  cat >"$node_dir/Corefile" <<EOF
.:53 {
    bind $node_ip
    errors
    health 127.0.0.1:$coredns_health_port
    ready 127.0.0.1:$coredns_ready_port
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $node_dir/coredns.kubeconfig berth
        fallthrough in-addr.arpa ip6.arpa
        ttl 5
    }
    cache 5
    loadbalance
}
EOF
}

# --- start ------------------------------------------------------------------------
node_is_up() {
  local name
  for name in "${node_components[@]}"; do
    our_pid "$name" >/dev/null || return 1
  done
  node_ready
}

node_ready() {
  # (the API server pretty-prints JSON for curl)
  curl_api "/api/v1/nodes/$node_name" 2>/dev/null | tr -d ' \n' | grep -q '"type":"Ready","status":"True"'
}

start_node() { # control-plane-bin
  local cp_bin="$1" addons t0=$SECONDS
  addons="$(node_addons_bin)"
  node_preflight "$cp_bin"
  mkdir -p "$node_dir" "$(dirname "$node_owner_file")"
  # leftovers of an earlier node of this dir (a crash, a killed start)
  stop_node
  printf '%s\n' "$dir" >"$node_owner_file"

  node_network_up
  node_certs
  node_write_configs
  node_api_objects

  launch kube-scheduler "$cp_bin/kube-scheduler" \
    --kubeconfig="$node_dir/kube-scheduler.kubeconfig" \
    --authentication-kubeconfig="$node_dir/kube-scheduler.kubeconfig" \
    --authorization-kubeconfig="$node_dir/kube-scheduler.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$scheduler_port" --leader-elect=false --v=1
  wait_for "kube-scheduler /healthz" kube-scheduler curl -fsSk --max-time 2 "https://127.0.0.1:$scheduler_port/healthz"
  log "kube-scheduler: healthy"

  launch containerd "$(command -v containerd)" --config "$node_dir/containerd.toml"
  wait_for "containerd's CRI" containerd crictl info
  log "containerd: CRI answers on $containerd_sock"
  node_import_images "$sandbox_image" || fail_start "could not import $sandbox_image into containerd"

  launch kubelet "$cp_bin/kubelet" \
    --config="$node_dir/kubelet.yaml" \
    --kubeconfig="$node_dir/kubelet.kubeconfig" \
    --hostname-override="$node_name" \
    --node-ip="$node_ip" \
    --root-dir="$dir/kubelet" \
    --cert-dir="$dir/kubelet/pki" \
    --v=1
  wait_for "node $node_name to be Ready" kubelet node_ready
  log "kubelet: node $node_name Ready"

  launch kube-proxy "$cp_bin/kube-proxy" --config="$node_dir/kube-proxy.yaml" --v=1
  wait_for "kube-proxy /healthz" kube-proxy curl -fsS --max-time 2 "http://127.0.0.1:$proxy_healthz_port/healthz"
  log "kube-proxy: healthy"

  launch coredns "$addons/coredns" -conf "$node_dir/Corefile"
  wait_for "coredns /ready" coredns curl -fsS --max-time 2 "http://127.0.0.1:$coredns_ready_port/ready"
  log "coredns: ready on $node_ip:53 (Service kube-system/kube-dns $dns_ip)"

  # kube-router's allocator takes its lease's namespace and holder from the pod env.
  POD_NAMESPACE=kube-system POD_NAME="kube-router-$node_name" launch kube-router "$addons/kube-router" \
    --kubeconfig="$node_dir/kube-router.kubeconfig" \
    --hostname-override="$node_name" \
    --run-firewall=true --run-router=false --run-service-proxy=false \
    --run-loadbalancer=true --loadbalancer-ip-range="$lb_cidr" \
    --service-cluster-ip-range="$service_cidr" --service-node-port-range="$node_port_range" \
    --enable-cni=false --enable-ipv4=true --enable-ipv6=false \
    --health-port="$router_health_port" --metrics-port=0 --v=1
  wait_for "kube-router /healthz" kube-router curl -fsS --max-time 2 "http://127.0.0.1:$router_health_port/healthz"
  log "kube-router: healthy (NetworkPolicy firewall, LoadBalancer addresses from $lb_cidr)"
  log "node $node_name up in $((SECONDS - t0))s"
}

# Copies Docker images into the node's containerd (namespace k8s.io, where the
# kubelet looks); SOURCE=NAME imports SOURCE and names it NAME as well.
node_import_images() { # SOURCE[=NAME]...
  local spec src name digest pinned
  for spec in "$@"; do
    src="${spec%%=*}"
    name="${spec#*=}"
    docker image inspect "$src" >/dev/null 2>&1 || { log "image $src is not in the Docker engine"; return 1; }
    docker save "$src" | ctr_k8s images import - >/dev/null \
      || { log "ctr images import of $src failed"; return 1; }
    if [[ "$name" != "$src" ]]; then
      ctr_k8s images tag --force "$(normalized "$src")" "$(normalized "$name")" >/dev/null \
        || { log "ctr images tag $src $name failed"; return 1; }
    fi
    # Also named by its digest, as a registry would serve it, so a stack can pin it (a prod
    # tier refuses a bare tag); the kubelet finds name@digest only under that very name.
    digest="$(ctr_k8s images ls | awk -v ref="$(normalized "$name")" '$1 == ref { print $3 }')"
    [[ "$digest" == sha256:* ]] || { log "no digest for $name in containerd"; return 1; }
    pinned="$(repository "$name")@$digest"
    ctr_k8s images tag --force "$(normalized "$name")" "$(repository "$(normalized "$name")")@$digest" >/dev/null \
      || { log "ctr images tag $name $pinned failed"; return 1; }
    printf '%s\n' "$pinned"
    log "image $src imported$([[ "$name" == "$src" ]] || printf ' as %s' "$name"), pinned as $pinned"
  done
}

# A reference without its tag or digest: registry.example.com:5000/shop/web:1.4.2 -> registry.example.com:5000/shop/web.
repository() {
  local ref="${1%%@*}" last
  last="${ref##*/}"
  [[ "$last" == *:* ]] && ref="${ref%:*}"
  printf '%s\n' "$ref"
}

ctr_k8s() { "$(command -v ctr)" --address "$containerd_sock" -n k8s.io "$@"; }

# The fully qualified reference containerd stores (docker.io/ and :latest filled in).
normalized() {
  local ref="$1" first="${1%%/*}"
  [[ "$ref" == */* && ( "$first" == *.* || "$first" == *:* || "$first" == localhost ) ]] || ref="docker.io/$ref"
  [[ "$ref" == docker.io/* && "${ref#docker.io/}" != */* ]] && ref="docker.io/library/${ref#docker.io/}"
  [[ "${ref##*/}" == *:* || "$ref" == *@* ]] || ref="$ref:latest"
  printf '%s\n' "$ref"
}

# --- stop -------------------------------------------------------------------------
# Stops the node's processes, removes its pods (their network namespaces,
# iptables rules and addresses go with them) and takes down its bridge and routes.
stop_node() {
  local name
  stop_one kubelet
  if our_pid containerd >/dev/null; then
    # With the kubelet gone nothing restarts them; the CRI runs each pod's CNI DEL.
    local pods
    pods="$(crictl pods -q 2>/dev/null || true)"
    if [[ -n "$pods" ]]; then
      log "removing $(wc -w <<<"$pods") pod(s)"
      # shellcheck disable=SC2086
      crictl stopp $pods >/dev/null 2>&1 || true
      # shellcheck disable=SC2086
      crictl rmp --force $pods >/dev/null 2>&1 || true
    fi
  fi
  for name in kube-router coredns kube-proxy containerd kube-scheduler; do
    stop_one "$name"
  done
  node_cleanup_host
}

# What the node's processes leave behind when they stop: kube-proxy's and
# kube-router's iptables chains and ipsets, mounts below DIR, the bridge, routes.
node_cleanup_host() {
  local cp_bin m
  [[ -f "$node_owner_file" && "$(cat "$node_owner_file")" == "$dir" ]] || return 0
  cp_bin="$(find_bin)"
  [[ -x "$cp_bin/kube-proxy" ]] && "$cp_bin/kube-proxy" --cleanup >>"$logs/kube-proxy.log" 2>&1 || true
  node_cleanup_firewall
  # Deepest first: volumes, container root filesystems, pod network namespaces.
  while IFS= read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(awk -v d="$dir/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r)
  node_network_down
  rm -f "$node_owner_file"
}

# kube-router's NetworkPolicy chains and ipsets, and what the kubelet and kube-proxy
# leave after kube-proxy --cleanup (canaries, the localnet guard, the hint chain).
# (kube-router v2.1.0's own --cleanup-config leaves its chains in place and then
# crashes in its service-proxy cleanup when the kernel has no IPVS.)
node_cleanup_firewall() {
  local table rule chain chains
  for table in filter nat mangle; do
    iptables -w 5 -t "$table" -S 2>/dev/null | grep -E -- '^-A (INPUT|FORWARD|OUTPUT|PREROUTING|POSTROUTING) .*-j (KUBE-ROUTER-|KUBE-KUBELET-CANARY|KUBE-FIREWALL)' |
      while IFS= read -r rule; do
        eval "iptables -w 5 -t $table -D ${rule#-A }" 2>/dev/null || true
      done || true # (grep finds nothing: nothing to do)
    chains="$(iptables -w 5 -t "$table" -S 2>/dev/null |
      awk '$1 == "-N" && $2 ~ /^(KUBE-ROUTER-|KUBE-POD-FW-|KUBE-NWPLCY-|KUBE-KUBELET-CANARY|KUBE-FIREWALL|KUBE-IPTABLES-HINT)/ { print $2 }')"
    for chain in $chains; do iptables -w 5 -t "$table" -F "$chain" 2>/dev/null || true; done
    for chain in $chains; do iptables -w 5 -t "$table" -X "$chain" 2>/dev/null || true; done
  done
  ipset list -n 2>/dev/null | grep -E '^KUBE-(SRC|DST)-' | while IFS= read -r chain; do
    ipset destroy "$chain" 2>/dev/null || true
  done || true
}

# --- status -----------------------------------------------------------------------
# Prints one line per node part; succeeds if the node was never started in this
# dir, or if every part runs and the node is Ready.
node_status() {
  local name pid down=0 started=0
  for name in "${node_components[@]}"; do
    if pid="$(our_pid "$name")"; then
      log "$name: running (pid $pid)"
      started=1
    elif [[ -f "$run/$name.pid" ]]; then
      log "$name: NOT running (stale pid file)"
      started=1 down=1
    fi
  done
  ((started)) || return 0
  for name in "${node_components[@]}"; do our_pid "$name" >/dev/null || down=1; done
  if node_ready; then
    log "node $node_name: Ready (pods $pod_cidr on $node_bridge, cluster DNS $dns_ip)"
  else
    log "node $node_name: NOT Ready"
    down=1
  fi
  return "$down"
}
