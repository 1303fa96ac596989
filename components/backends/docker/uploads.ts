import * as docker from "@pulumi/docker";
import { ConfigContents } from "../../model/config";

/** The files Docker copies into each container, and whether any of them is secret. */
export interface ConfigUploads {
    uploads: docker.types.input.ContainerUpload[];
    holdsSecret: boolean;
}

/**
 * Each mounted config's files (plain and secret) under its mount path, by config then file name; with
 * secretsAsFiles, each secret value too, in a file named by its key.
 */
export function configUploads(mounts: { mountPath: string; contents: ConfigContents; secretsAsFiles: boolean }[]): ConfigUploads {
    const uploads: docker.types.input.ContainerUpload[] = [];
    let holdsSecret = false;
    for (const { mountPath, contents, secretsAsFiles } of mounts) {
        const secretFiles = { ...contents.secretFiles, ...(secretsAsFiles ? contents.secretValues : {}) };
        const files = { ...contents.plainFiles, ...secretFiles };
        holdsSecret ||= Object.keys(secretFiles).length > 0;
        for (const fileName of Object.keys(files).sort()) {
            uploads.push({ file: `${mountPath}/${fileName}`, content: files[fileName] });
        }
    }
    return { uploads, holdsSecret };
}
