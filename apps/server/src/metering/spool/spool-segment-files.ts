import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SEGMENT = /^usage-(\d{10})\.jsonl$/;

/** A segment file found in a spool directory. */
export interface SegmentFile {
  seq: number;
  size: number;
}

/**
 * The file of segment `seq`: zero-padded so that names sort in append order.
 *
 * @example
 * segmentPath("/dev/shm/gatehouse-3f2a", 7); // "/dev/shm/gatehouse-3f2a/usage-0000000007.jsonl"
 */
export function segmentPath(dir: string, seq: number): string {
  return join(dir, `usage-${String(seq).padStart(10, "0")}.jsonl`);
}

/** The segment files of a spool directory, oldest first (a crashed process's leftovers at start-up). */
export function listSegmentFiles(dir: string): SegmentFile[] {
  return readdirSync(dir)
    .map((name) => SEGMENT.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ seq: Number(m[1]), size: statSync(join(dir, m[0])).size }))
    .sort((a, b) => a.seq - b.seq);
}
