// CoreDNS with only the plugins the local node's cluster DNS uses: the
// kubernetes plugin answers for cluster.local and the reverse zones, the rest
// keeps it observable (errors, log, health, ready) and cheap (cache,
// loadbalance); bind puts it on the bridge address only. Building upstream's
// main package would compile every plugin (cloud SDKs included) for nothing.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/ready"
)

// The plugins in the order upstream's core/dnsserver/zdirectives.go runs them:
// a Corefile may name any of these and no other.
var directives = []string{
	"bind",
	"ready",
	"health",
	"errors",
	"log",
	"loadbalance",
	"cache",
	"kubernetes",
}

func main() {
	dnsserver.Directives = directives
	coremain.Run()
}
