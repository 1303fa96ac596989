import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import ignore from "@balena/dockerignore";

/*
 * The content digest of a build context: what the Docker engine would be sent
 * for `docker build` (the context directory less what .dockerignore excludes),
 * so an image is rebuilt when, and only when, what goes into it changes. An
 * entry counts by its path, its type, its content (files), its target
 * (symlinks) and whether it is executable; not by its times, owner or other
 * mode bits, which two checkouts of one commit need not share (git records
 * the executable bit alone), and which would rebuild an image on every
 * machine but the one that built it.
 *
 * Files are read synchronously, through one reused buffer: for the small
 * files a context is mostly made of, the promise-based reads cost several
 * times as much as the reads themselves (measured while this was written:
 * 10,000 files in about 0.3 s synchronously, 0.7-0.9 s with 8-64 reads in
 * flight; `npm run bench:context` measures the synchronous walk and writes
 * bench/build-results.md).
 */

/** The digest of a context and how many entries went into it. */
export interface ContextDigest {
    digest: string;
    entries: number;
}

interface Entry {
    path: string;
    kind: "file" | "dir" | "symlink" | "other";
    /** A symlink's target. */
    target?: string;
}

/**
 * The digest of what `docker build` would send of `contextDir`. The
 * Dockerfile counts here only as the patterns say; its content has a digest
 * of its own (fileDigest), as it may live outside the context.
 */
export function contextDigest(contextDir: string): ContextDigest {
    const entries = walk(contextDir, dockerignoreFilter(contextDir));
    const buffer = Buffer.allocUnsafe(chunkSize);
    const hash = crypto.createHash("sha256");
    for (const entry of entries) {
        const file = entry.kind === "file" ? read(path.join(contextDir, entry.path), buffer) : undefined;
        const content = file ? `${file.executable ? "x" : "-"} ${file.digest}` : (entry.target ?? "");
        hash.update(`${entry.kind} ${JSON.stringify(entry.path)} ${content}\n`);
    }
    return { digest: hash.digest("hex"), entries: entries.length };
}

/** The digest of one file's content (the Dockerfile's own, for a Dockerfile outside its context). */
export function fileDigest(file: string): string {
    return read(file, Buffer.allocUnsafe(chunkSize)).digest;
}

/** Files are hashed a chunk at a time, so a large file never sits in memory whole. */
const chunkSize = 1024 * 1024;

/** A file's content digest, and whether it is executable (from the open file, which saves a stat per file). */
function read(file: string, buffer: Buffer): { digest: string; executable: boolean } {
    const hash = crypto.createHash("sha256");
    const fd = fs.openSync(file, "r");
    try {
        const executable = (fs.fstatSync(fd).mode & 0o111) !== 0;
        for (let bytes = fs.readSync(fd, buffer); bytes > 0; bytes = fs.readSync(fd, buffer)) {
            hash.update(buffer.subarray(0, bytes));
        }
        return { digest: hash.digest("hex"), executable };
    } finally {
        fs.closeSync(fd);
    }
}

/** Whether a path (relative, with "/") is sent; and whether a directory may be skipped whole. */
interface ContextFilter {
    excludes(relative: string): boolean;
    /** With exception patterns ("!keep"), an excluded directory may hold files that are sent, so it is walked. */
    prunesDirectories: boolean;
}

function dockerignoreFilter(contextDir: string): ContextFilter {
    const ignoreFile = path.join(contextDir, ".dockerignore");
    const patterns = fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, "utf8") : "";
    const matcher = ignore().add(patterns);
    return {
        excludes: (relative) => matcher.ignores(relative),
        prunesDirectories: !patterns.split(/\r?\n/).some((line) => line.trim().startsWith("!")),
    };
}

/** Every entry sent, sorted by path, so the digest does not depend on the order the filesystem lists them in. */
function walk(contextDir: string, filter: ContextFilter): Entry[] {
    const entries: Entry[] = [];
    const visit = (relativeDir: string) => {
        for (const dirent of fs.readdirSync(path.join(contextDir, relativeDir), { withFileTypes: true })) {
            const relative = relativeDir === "" ? dirent.name : `${relativeDir}/${dirent.name}`;
            const excluded = filter.excludes(relative);
            if (dirent.isDirectory()) {
                if (excluded && filter.prunesDirectories) {
                    continue;
                }
                if (!excluded) {
                    entries.push({ path: relative, kind: "dir" });
                }
                visit(relative);
            } else if (!excluded) {
                entries.push(entryOf(contextDir, relative, dirent));
            }
        }
    };
    visit("");
    return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function entryOf(contextDir: string, relative: string, dirent: fs.Dirent): Entry {
    if (dirent.isSymbolicLink()) {
        return { path: relative, kind: "symlink", target: fs.readlinkSync(path.join(contextDir, relative)) };
    }
    // Fifos and device nodes have no content to read: they count by name and kind.
    return { path: relative, kind: dirent.isFile() ? "file" : "other" };
}
