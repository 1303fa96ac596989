import * as pulumi from "@pulumi/pulumi";

/** What a backend reports back about a rendered ContainerApp. */
export interface RenderedApp {
    /** Published or external URL, when the app has one. */
    url: pulumi.Input<string | undefined>;
    /** Names of the objects created (containers, Deployment, Services, ...), sorted. */
    resourceNames: string[];
}
