import { Target } from "../stack/target";
import { Backend } from "./backend";
import { dockerBackend } from "./docker";
import { kubernetesBackend } from "./kubernetes";

export { Backend } from "./backend";

const backends: Record<Target, Backend> = {
    docker: dockerBackend,
    kubernetes: kubernetesBackend,
};

/** The backend that turns models into the target's provider resources. */
export function backendFor(target: Target): Backend {
    return backends[target];
}
