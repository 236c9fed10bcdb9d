import { describe, expect, it } from "vitest";
import { PdfRefused } from "./extract-pdf-text.js";
import { createPdfExtractionQueue } from "./pdf-extraction-queue.js";

describe("createPdfExtractionQueue", () => {
  it("runs at most `concurrent` readers, queues `waiting` more and refuses the rest", async () => {
    let active = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const read = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise<void>((r) => releases.push(r));
      active -= 1;
      return "text";
    };
    const queue = createPdfExtractionQueue({ concurrent: 2, waiting: 1 }, read);
    const runs = [queue(new Uint8Array()), queue(new Uint8Array()), queue(new Uint8Array())];
    await expect(queue(new Uint8Array())).rejects.toBeInstanceOf(PdfRefused);
    while (releases.length < 2) await new Promise((r) => setTimeout(r, 1));
    releases.shift()!();
    while (releases.length < 2) await new Promise((r) => setTimeout(r, 1));
    for (const release of releases.splice(0)) release();
    expect(await Promise.all(runs)).toEqual(["text", "text", "text"]);
    expect(peak).toBe(2);
  });
});
