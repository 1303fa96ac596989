export { AppNetwork, AppNetworkArgs } from "./app-network";
export { AppConfig, AppConfigArgs } from "./app-config";
export {
    ContainerApp,
    ContainerAppArgs,
    PortArgs,
    HealthCheckArgs,
    HttpCheckArgs,
    TcpCheckArgs,
    ResourcesArgs,
    ResourceAmountsArgs,
    VolumeArgs,
    ConfigMountArgs,
    IngressArgs,
    EgressArgs,
    SecurityArgs,
    ImageBuildArgs,
} from "./container-app";
export { ContainerJob, ContainerJobArgs } from "./container-job";
export { DependencyArgs } from "./dependency";
export { HelperContainerArgs, VolumeMountArgs } from "./helper-container";
export { AutoscalingPolicy, AutoscalingPolicyArgs } from "./autoscaling-policy";
export { AppAutoscalingArgs, AutoscalingArgs, ScalingBehaviourArgs } from "./autoscaling";
export { BerthValidationError, BerthValidationErrors } from "./validation/errors";
export { capabilities, capabilityTable, Capability, Support, TargetSupport } from "./backends/capabilities";
export { Target } from "./stack/target";
export { loadStackConfig, LoadStackConfigOptions, StackConfigShape, StackConfigValues } from "./stack/load-stack-config";
export { StackConfigError } from "./stack/config-values";
export { Tier, stackTier } from "./stack/berth-settings";
