"""The README's shop in Python, through berth's component provider (docs/multi-language.md)."""
import pulumi
import pulumi_berth as berth

config = pulumi.Config()

# Docker: a bridge network. Kubernetes: a namespace with default-deny ingress.
net = berth.AppNetwork("shop")

cfg = berth.AppConfig(
    "web-config",
    network=net,
    files={"app.yaml": "greeting: hello\n"},
    values={"LOG_LEVEL": "info"},
    secrets={"API_TOKEN": config.require_secret("apiToken")},
)

web = berth.ContainerApp(
    "web",
    network=net,
    image="registry.example.com/shop/web:1.4.2@sha256:4dbb1efc9c4f883128bd77839566dafbc05d0e2fb4af6ce1172b68170b1d57d9",
    ports=[{"name": "http", "port": 8080, "publish": 8080}],
    env={"MODE": "prod"},
    # API_TOKEN arrives as the file /etc/web/API_TOKEN, never as an env var.
    configs=[{"config": cfg, "mount_path": "/etc/web", "secrets_as_files": True}],
    health_check={"http": {"path": "/healthz", "port": 8080}},
    resources={"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}},
    # Kubernetes: a HorizontalPodAutoscaler keeps 1 to 3 pods at 70 % of their CPU request.
    # Docker: minReplicas containers (one: the app publishes a host port), with a warning.
    autoscaling={"min_replicas": 1, "max_replicas": 3, "cpu_utilization": 70},
)

pulumi.export("address", web.address)
pulumi.export("url", web.url)
