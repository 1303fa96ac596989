/*
 * Annotations berth writes on the Kubernetes objects it creates and `berth
 * review` reads back.
 */

/** Pod-template annotation carrying the config hash; a change rolls the pods without replacing the Deployment. */
export const configHashAnnotation = "berth.dev/config-hash";
