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
    SecurityArgs,
} from "./container-app";
export { AutoscalingPolicy, AutoscalingPolicyArgs, ScalingBehaviourArgs } from "./autoscaling-policy";
export { BerthValidationError } from "./spec/errors";
export { capabilities, capabilityTable, Capability, Support, TargetSupport } from "./capabilities";
export { Target } from "./target";
export { loadStackConfig, LoadStackConfigOptions, StackConfigShape, StackConfigValues } from "./stack-config";
export { StackConfigError, Tier, stackTier } from "./spec/stack-settings";
