import { ResourcesModel } from "../../model/app";
import { cpuCores, cpuMillicores, memoryMebibytes } from "../../model/quantities";

/** Docker's resource settings: limits become --memory and --cpus, requests a memory reservation and CPU shares. */
export interface DockerResources {
    memory?: number;
    memorySwap?: number;
    memoryReservation?: number;
    cpus?: string;
    cpuShares?: number;
}

export function dockerResources(resources: ResourcesModel): DockerResources {
    const { limits, requests } = resources;
    const requestedMillicores = requests.cpu ? cpuMillicores(requests.cpu) : undefined;
    return {
        memory: limits.memory ? memoryMebibytes(limits.memory) : undefined,
        // Docker's default swap is twice the memory limit, which the provider reads back as a
        // change; Kubernetes gives a container no swap, so neither does berth.
        memorySwap: limits.memory ? memoryMebibytes(limits.memory) : undefined,
        memoryReservation: requests.memory ? memoryMebibytes(requests.memory) : undefined,
        cpus: limits.cpu ? cpuCores(limits.cpu) : undefined,
        // Docker's relative CPU weight; 1024 is one core's worth.
        cpuShares: requestedMillicores !== undefined ? Math.max(2, Math.round((requestedMillicores * 1024) / 1000)) : undefined,
    };
}
