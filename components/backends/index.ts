import { Target } from "../stack/target";
import { Backend } from "./backend";

export { Backend } from "./backend";

/*
 * Each backend is loaded when a component first asks for it, so a program
 * pays only for its own target's provider SDK: a Docker stack never loads the
 * @pulumi/kubernetes modules berth's Kubernetes builders use (about 0.1 s of
 * CPU, measured in bench/README.md), and a Kubernetes stack never loads
 * @pulumi/docker's.
 */
const load: Record<Target, () => Backend> = {
    docker: () => (require("./docker") as typeof import("./docker")).dockerBackend,
    kubernetes: () => (require("./kubernetes") as typeof import("./kubernetes")).kubernetesBackend,
};

/** The backend that turns models into the target's provider resources. */
export function backendFor(target: Target): Backend {
    return load[target]();
}
