import * as assert from "assert";
import { KubeApi, namespacedKinds, waitFor } from "./kubernetes-api";

/** The label berth puts on every object it creates. */
export const managedByBerth = "app.kubernetes.io/managed-by=berth";

/** How long the namespace controller may take to finish deleting a namespace. */
const namespaceGoneMs = 180_000;

/**
 * No berth object is left in the namespace, and the namespace is gone (the
 * namespace controller of kube-controller-manager finishes the deletion) or,
 * without that controller, at least terminating.
 */
export async function expectNothingLeft(api: KubeApi, namespace: string, controllersRun: boolean): Promise<void> {
    for (const kind of namespacedKinds) {
        const left = await api.list(kind, namespace, managedByBerth);
        assert.deepStrictEqual(
            left.filter((o) => !o.metadata.deletionTimestamp).map((o) => `${kind}/${o.metadata.name}`),
            [],
            `no ${kind} of berth's is left in ${namespace}`,
        );
    }
    if (controllersRun) {
        await waitFor(`namespace ${namespace} to be gone`, namespaceGoneMs, async () => ((await api.get("Namespace", namespace)) ? undefined : true));
    } else {
        const ns = await api.get("Namespace", namespace);
        assert.ok(ns === undefined || ns.status?.phase === "Terminating", `namespace ${namespace} is gone or terminating`);
    }
}

/** A namespace left by an earlier, interrupted run (or step) would make the first up fail in a confusing way. */
export async function expectNamespaceAbsent(api: KubeApi, namespace: string): Promise<void> {
    await waitFor(`namespace ${namespace} (left by an earlier run?) to disappear: kubectl delete namespace ${namespace}`, namespaceGoneMs, async () =>
        (await api.get("Namespace", namespace)) ? undefined : true,
    );
}
