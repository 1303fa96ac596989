/*
 * The Docker Engine API multiplexes a container's stdout and stderr into one
 * stream of frames when the container has no TTY: an 8-byte header (stream
 * type: 1 stdout, 2 stderr; three zero bytes; the payload's length, big
 * endian) and the payload. A frame may arrive split across chunks.
 */

export class DockerFrames {
    private buffered: Buffer = Buffer.alloc(0);

    constructor(private readonly emit: (stream: "stdout" | "stderr", payload: Buffer) => void) {}

    push(chunk: Buffer): void {
        this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
        while (this.buffered.length >= 8) {
            const size = this.buffered.readUInt32BE(4);
            if (this.buffered.length < 8 + size) {
                return;
            }
            const type = this.buffered[0];
            this.emit(type === 2 ? "stderr" : "stdout", this.buffered.subarray(8, 8 + size));
            this.buffered = this.buffered.subarray(8 + size);
        }
    }
}
