/*
 * The source web is built from in `bench:devloop --built`: a copy of
 * examples/build/web (a Dockerfile over berth-test/web:1, a page, a
 * .dockerignore) that the change step edits. Each tool builds its own copy;
 * every file and directory carries the same fixed times in both, so the two
 * copies are the same bytes to a build and the images' layers can be compared.
 */
import * as fs from "fs";
import * as path from "path";

/** The app the --built variant builds from source. */
export const builtApp = "web";

/** The file the change step edits, inside the source. */
const editedFile = path.join("www", "index.html");
const fixedTime = new Date("2026-01-01T00:00:00Z");

export class WebSource {
    private readonly original: string;

    /** Copies examples/build/web to `dir` (replacing what was there). */
    constructor(root: string, readonly dir: string) {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.cpSync(path.join(root, "examples", "build", "web"), dir, { recursive: true });
        this.original = fs.readFileSync(path.join(dir, editedFile), "utf8");
        for (const entry of [dir, ...walk(dir)]) {
            fs.utimesSync(entry, fixedTime, fixedTime);
        }
    }

    /** What a developer does: edits one source file (the page gains a line naming the round). */
    edit(round: number): void {
        this.write(`${this.original}<!-- edited in round ${round} -->\n`, new Date(fixedTime.getTime() + round * 1000));
    }

    restore(): void {
        this.write(this.original, fixedTime);
    }

    private write(content: string, time: Date): void {
        const file = path.join(this.dir, editedFile);
        fs.writeFileSync(file, content);
        fs.utimesSync(file, time, time);
    }
}

function walk(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? [full, ...walk(full)] : [full];
    });
}
