import * as docker from "@pulumi/docker";
import { ConfigContents } from "../../model/config";

/** The files Docker copies into each container, and whether any of them is secret. */
export interface ConfigUploads {
    uploads: docker.types.input.ContainerUpload[];
    holdsSecret: boolean;
}

/** Each mounted config's files (plain and secret) under its mount path, by config then file name. */
export function configUploads(mounts: { mountPath: string; contents: ConfigContents }[]): ConfigUploads {
    const uploads: docker.types.input.ContainerUpload[] = [];
    let holdsSecret = false;
    for (const { mountPath, contents } of mounts) {
        const files = { ...contents.plainFiles, ...contents.secretFiles };
        holdsSecret ||= Object.keys(contents.secretFiles).length > 0;
        for (const fileName of Object.keys(files).sort()) {
            uploads.push({ file: `${mountPath}/${fileName}`, content: files[fileName] });
        }
    }
    return { uploads, holdsSecret };
}
