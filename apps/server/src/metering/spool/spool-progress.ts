import type { SpoolRange } from "./spool-messages.js";

interface Segment {
  /** Bytes appended. */
  end: number;
  /** Bytes handed to the writer thread. */
  posted: number;
  /** Bytes the writer thread reported committed. */
  committed: number;
  sealed: boolean;
  /** Whether the writer thread was told it is sealed (it then deletes the file once committed). */
  sealPosted: boolean;
}

/**
 * The main thread's account of the spool: per segment what was appended, handed to the writer thread
 * and committed, and how many records each append held, so `backlog` counts records, not bytes. Pure
 * bookkeeping, no I/O. After a writer thread died, `rewind()` makes everything not yet committed
 * unposted again, for the new thread; commits are idempotent by id, so handing over a range twice is
 * harmless.
 *
 * @example
 * progress.appended(1, 512, 2);
 * writer.post(progress.takeUnposted()); // [{ seq: 1, from: 0, to: 512, sealed: false }]
 */
export class SpoolProgress {
  private readonly segments = new Map<number, Segment>();
  /** Appends not yet committed, oldest first: where each ended and how many records it held. */
  private readonly appends: Array<{ seq: number; end: number; count: number }> = [];
  private appendedRecords = 0;
  private committedRecords = 0;
  private uncommittedBytes = 0;

  /** A crashed process's segment found at start-up: sealed, nothing of it known to be committed. */
  addLeftover(seq: number, size: number): void {
    this.segments.set(seq, { end: size, posted: 0, committed: 0, sealed: true, sealPosted: false });
    this.uncommittedBytes += size;
  }

  appended(seq: number, end: number, count: number): void {
    const segment = this.segment(seq);
    this.uncommittedBytes += end - segment.end;
    segment.end = end;
    this.appends.push({ seq, end, count });
    this.appendedRecords += count;
  }

  seal(seq: number): void {
    this.segment(seq).sealed = true;
  }

  /** What the writer thread has not been given yet, in append order. */
  takeUnposted(): SpoolRange[] {
    const ranges: SpoolRange[] = [];
    for (const [seq, s] of this.segments) {
      if (s.end === s.posted && (!s.sealed || s.sealPosted)) continue;
      ranges.push({ seq, from: s.posted, to: s.end, sealed: s.sealed });
      s.posted = s.end;
      s.sealPosted = s.sealed;
    }
    return ranges;
  }

  /** Forgets what was handed to a writer thread that died: all that is not committed is unposted. */
  rewind(): void {
    for (const s of this.segments.values()) {
      s.posted = s.committed;
      s.sealPosted = false;
    }
  }

  /** Records ranges the writer thread committed; a sealed segment committed to its end is gone. */
  committed(ranges: readonly SpoolRange[]): void {
    for (const r of ranges) {
      const s = this.segments.get(r.seq);
      if (!s) continue;
      if (r.to > s.committed) {
        this.uncommittedBytes -= r.to - s.committed;
        s.committed = r.to;
      }
      if (r.sealed && s.committed >= s.end) this.segments.delete(r.seq);
      this.dropCommittedAppends(r.seq, s.committed);
    }
  }

  /** Records appended and not yet committed. */
  get backlog(): number {
    return this.appendedRecords - this.committedRecords;
  }

  /** Bytes in the spool not yet committed. */
  get backlogBytes(): number {
    return this.uncommittedBytes;
  }

  /** How many records were appended so far (flush waits until `committedCount` reaches it). */
  get appendedCount(): number {
    return this.appendedRecords;
  }

  get committedCount(): number {
    return this.committedRecords;
  }

  /** Whether nothing is left: every segment committed, and every sealed one deleted. */
  get drained(): boolean {
    for (const s of this.segments.values()) if (s.sealed || s.committed < s.end) return false;
    return true;
  }

  private segment(seq: number): Segment {
    let s = this.segments.get(seq);
    if (!s) {
      s = { end: 0, posted: 0, committed: 0, sealed: false, sealPosted: false };
      this.segments.set(seq, s);
    }
    return s;
  }

  private dropCommittedAppends(seq: number, committed: number): void {
    let n = 0;
    for (const a of this.appends) {
      if (a.seq > seq || (a.seq === seq && a.end > committed)) break;
      this.committedRecords += a.count;
      n++;
    }
    this.appends.splice(0, n);
  }
}
