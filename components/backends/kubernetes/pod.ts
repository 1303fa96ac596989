import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { ConfigModel } from "../../model/config";
import { InputMap } from "../../model/maps";
import { splitSecrets } from "../../model/secrets";
import { ContainerSpecModel, HelperContainerModel, WorkloadModel } from "../../model/workload";
import { appEnv } from "../app-env";
import { appLabels } from "../labels";
import { configRefs } from "./config";
import { KubernetesConfigRefs, mountedFileSources } from "./config-refs";
import { helperContainer } from "./container";
import { appSecretRefs, containerEnv } from "./env";
import { podTemplate, rolloutAnnotations } from "./pod-template";
import { appVolumes, configVolumes, containerMounts, helperMounts, podVolumes, PodVolumes, scratchVolume } from "./volumes";
import { WorkloadObjects } from "./workload-objects";

type Container = k8s.types.input.core.v1.Container;
type EnvVar = k8s.types.input.core.v1.EnvVar;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;

/** One container of the pod: its own parts, and where its secret env values sit in the workload's Secret. */
interface PodMember {
    spec: Omit<ContainerSpecModel, "image">;
    secretEnv: InputMap;
    /** Prefix of its keys in the workload's Secret: none for the workload's own container, `<helper>.` for a helper. */
    keyPrefix: string;
    /** Its config volumes' names: `config-<i>`, or `config-<helper>-<i>`. */
    configVolume: (index: number) => string;
}

/**
 * The pod template of an app or a job: its own container (made by `main`),
 * its init containers and sidecars, their env and volumes. Secret env values
 * of all of them go into the workload's Secret `<name>-env`, referenced by
 * key, so no secret is ever a plain env var; the template's rollout
 * annotation changes with any config or secret env value they use.
 */
export async function workloadPod(
    // The image is the main container's business (an app may build its own): the pod does not read it.
    workload: Omit<WorkloadModel, "image">,
    sidecars: HelperContainerModel[],
    objects: WorkloadObjects,
    main: (env: EnvVar[], mounts: VolumeMount[]) => Container,
    // Each helper's image by its name, resolved as the main container's is (container-image.ts).
    helperImages: ReadonlyMap<string, pulumi.Input<string>>,
    restartPolicy?: "Never",
): Promise<k8s.types.input.core.v1.PodTemplateSpec> {
    const own = await member(workload, "", (index) => `config-${index}`);
    const helpers = [...workload.initContainers, ...sidecars];
    const helperMembers = await Promise.all(helpers.map((h) => member(h, `${h.name}.`, (index) => `config-${h.name}-${index}`)));
    const members = [own, ...helperMembers];

    const secretEnv = Object.assign({}, ...members.map((m) => prefixed(m.keyPrefix, m.secretEnv))) as InputMap;
    let secretName: pulumi.Input<string> | undefined;
    if (Object.keys(secretEnv).length > 0) {
        const name = `${workload.name}-env`;
        const secret = new k8s.core.v1.Secret(name, { metadata: objects.metadata("Secret", name), type: "Opaque", stringData: pulumi.secret(secretEnv) }, objects.options);
        secretName = secret.metadata.name;
    }
    const configs = await configRefsByName(members.flatMap((m) => m.spec.configs.map((c) => c.config)));

    const containerParts = async (m: PodMember) => {
        const refs = { configs: Object.fromEntries(Object.entries(configs).map(([name, r]) => [name, r.envSources])), appSecret: appSecretRefs(secretName ?? "", Object.keys(m.secretEnv), m.keyPrefix) };
        const env = containerEnv(await appEnv(m.spec, m.secretEnv), refs);
        const configFiles = configVolumes(m.spec.configs, (mount) => mountedFileSources(configs[mount.config.name], mount.secretsAsFiles), m.configVolume);
        return { env, configFiles, scratch: scratchVolume(m.spec.security) };
    };

    const ownParts = await containerParts(own);
    const ownVolumes = appVolumes(workload.volumes);
    const volumeParts: PodVolumes[] = [ownParts.configFiles, ownParts.scratch, ownVolumes];
    const helperContainers: Container[] = [];
    for (const [index, helper] of helpers.entries()) {
        const parts = await containerParts(helperMembers[index]);
        volumeParts.push(parts.configFiles, parts.scratch);
        const role = index < workload.initContainers.length ? "init" : "sidecar";
        helperContainers.push(helperContainer(helper, helperImage(helperImages, helper), role, parts.env, [...containerMounts(parts.configFiles, parts.scratch), ...helperMounts(helper.mounts)]));
    }

    // Every config a container uses, in order (for an app without helpers: exactly its configs).
    const usedConfigs = members.flatMap((m) => m.spec.configs.map((c) => c.config));
    return podTemplate(
        appLabels(workload),
        workload.security,
        {
            container: main(ownParts.env, containerMounts(ownParts.configFiles, ownParts.scratch, ownVolumes)),
            initContainers: helperContainers,
            volumes: podVolumes(...volumeParts),
            annotations: rolloutAnnotations(workload.name, usedConfigs, secretEnv),
        },
        restartPolicy,
    );
}

async function member(spec: Omit<ContainerSpecModel, "image">, keyPrefix: string, configVolume: (index: number) => string): Promise<PodMember> {
    const { secret } = await splitSecrets(spec.env);
    return { spec, secretEnv: secret, keyPrefix, configVolume };
}

function prefixed(prefix: string, map: InputMap): InputMap {
    return Object.fromEntries(Object.entries(map).map(([key, value]) => [`${prefix}${key}`, value]));
}

/** The refs of each config the pod uses, by config name. */
async function configRefsByName(used: ConfigModel[]): Promise<Record<string, KubernetesConfigRefs>> {
    const byName: Record<string, KubernetesConfigRefs> = {};
    for (const config of used) {
        byName[config.name] = await configRefs(config);
    }
    return byName;
}

/** A helper's resolved image; every helper has one (the workload's render resolves them all). */
function helperImage(images: ReadonlyMap<string, pulumi.Input<string>>, helper: HelperContainerModel): pulumi.Input<string> {
    const image = images.get(helper.name);
    if (image === undefined) {
        throw new Error(`no image resolved for the container "${helper.name}"`);
    }
    return image;
}
