import { describe, expect, it } from "vitest";
import { withSpinner } from "./with-spinner.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("withSpinner", () => {
  it("draws nothing for quick work or off a terminal, and draws then erases for slow work", async () => {
    const drawn: string[] = [];
    const tty = { isTTY: true, write: (t: string) => void drawn.push(t) };
    expect(await withSpinner(tty, "Quick", async () => 1, 50)).toBe(1);
    expect(drawn).toEqual([]);
    await withSpinner({ isTTY: false, write: tty.write }, "Piped", () => sleep(200), 10);
    expect(drawn).toEqual([]);
    await withSpinner(tty, "Slow", () => sleep(300), 10);
    expect(drawn.some((d) => d.includes("Slow"))).toBe(true);
    expect(drawn.at(-1)).toBe("\r\u001b[2K");
    const count = drawn.length;
    await sleep(200);
    expect(drawn).toHaveLength(count);
  });

  it("erases the line and passes the error on when the work fails", async () => {
    const drawn: string[] = [];
    const failing = withSpinner(
      { isTTY: true, write: (t) => void drawn.push(t) },
      "Failing",
      async () => {
        await sleep(200);
        throw new Error("boom");
      },
      10,
    );
    await expect(failing).rejects.toThrow("boom");
    expect(drawn.at(-1)).toBe("\r\u001b[2K");
  });
});
