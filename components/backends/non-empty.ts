/**
 * A list, or undefined when it is empty. Providers read an empty list back as
 * absent, which would show as a diff on every preview; Kubernetes manifests
 * read better without empty fields too.
 */
export function nonEmpty<T>(list: T[]): T[] | undefined {
    return list.length > 0 ? list : undefined;
}
