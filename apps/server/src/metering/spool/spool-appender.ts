import { closeSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { segmentPath } from "./spool-segment-files.js";

/** The file calls the appender makes, replaceable so tests can make a write fail part-way (ENOSPC). */
export interface SpoolFileIo {
  openSync: (path: string, flags: string, mode: number) => number;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number, position: number) => number;
  ftruncateSync: (fd: number, length: number) => void;
  closeSync: (fd: number) => void;
}

const NODE_IO: SpoolFileIo = { openSync, writeSync, ftruncateSync, closeSync };

/** Where an append landed: the segment and its size after the append. */
export interface AppendResult {
  seq: number;
  end: number;
}

/**
 * Appends lines to the current spool segment, on the event loop and synchronously: one positional write
 * per batch into tmpfs is a memory copy (a few µs), so `begin` can resolve as soon as it returned.
 * Segments rotate once they reach `segmentBytes`, so the writer thread can delete whole files once
 * committed. A write that fails part-way (ENOSPC) is cut back off the file before the error is thrown:
 * its lines belong to requests that will be refused, and must not be replayed after a crash.
 *
 * @example
 * const appender = new SpoolAppender(dir, 1, 4 * 1024 * 1024);
 * const { seq, end } = appender.append(Buffer.from(lines));
 */
export class SpoolAppender {
  private fd: number | undefined;
  private size = 0;
  private sealed: number[] = [];

  constructor(
    private readonly dir: string,
    private seq: number,
    private readonly segmentBytes: number,
    private readonly io: SpoolFileIo = NODE_IO,
  ) {}

  /** Writes whole lines; throws when they could not all be written (and then leaves no part of them). */
  append(bytes: Uint8Array): AppendResult {
    if (this.size >= this.segmentBytes) this.seal();
    this.fd ??= this.io.openSync(segmentPath(this.dir, this.seq), "wx", 0o600);
    const start = this.size;
    let written = 0;
    try {
      while (written < bytes.length) {
        written += this.io.writeSync(this.fd, bytes, written, bytes.length - written, start + written);
      }
    } catch (err) {
      // Even with nothing reported written: a failed write may still have extended the file.
      this.cutBack(start);
      throw err;
    }
    this.size = start + bytes.length;
    return { seq: this.seq, end: this.size };
  }

  /** Closes the current segment, if one is open: no more lines go to it; the next append opens another. */
  seal(): void {
    if (this.fd === undefined) return;
    this.sealed.push(this.seq);
    this.io.closeSync(this.fd);
    this.fd = undefined;
    this.seq++;
    this.size = 0;
  }

  /** The segments sealed since the last call (by rotation, by seal(), or after a failed write), oldest
   * first: the writer thread may delete each once it is committed to its end. */
  takeSealed(): number[] {
    const sealed = this.sealed;
    this.sealed = [];
    return sealed;
  }

  private cutBack(length: number): void {
    try {
      this.io.ftruncateSync(this.fd!, length);
    } catch {
      // The segment keeps a tail the live path never reads (ranges end at `size`); leave that file for a
      // fresh one, so nothing is ever appended after the tail.
      this.seal();
    }
  }
}
