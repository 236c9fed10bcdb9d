import { GatewayError, type IrChatRequest } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import type { ByteBudget } from "./byte-budget.js";
import type { ImageFetcher } from "./create-image-fetcher.js";
import { fetchImageUrls, inlineImageUrls, needsFetch } from "./inline-image-urls.js";

/** A fetcher that answers from memory and records what it was asked, and how many ran at once. */
function fakeFetcher(fail: Record<string, string> = {}, delayMs = 5) {
  const calls: Array<{ url: string; where: string; budget: ByteBudget | undefined }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetcher: ImageFetcher = {
    close: async () => {},
    maxTotalBytes: 12345,
    async fetch(url, where, budget) {
      calls.push({ url, where, budget });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, delayMs));
      inFlight--;
      if (fail[url]) throw new GatewayError("invalid_request", `${where}: ${fail[url]}`, { param: where });
      return { mediaType: "image/png", data: Buffer.from(url).toString("base64") };
    },
  };
  return { fetcher, calls, maxInFlight: () => maxInFlight };
}

const url = (n: number | string) => ({
  type: "image" as const,
  source: { kind: "url" as const, url: `https://img.test/${n}.png` },
});
const b64 = (n: number | string) => ({
  kind: "base64",
  mediaType: "image/png",
  data: Buffer.from(`https://img.test/${n}.png`).toString("base64"),
});

function request(): IrChatRequest {
  return {
    model: "m",
    stream: false,
    system: [{ type: "text", text: "sys" }],
    messages: [
      { role: "user", content: [{ type: "text", text: "look" }, url(1), { ...url(2), detail: "high" }] },
      { role: "assistant", content: [{ type: "tool_call", id: "c1", name: "shot", arguments: "{}" }] },
      {
        role: "tool",
        content: [{ type: "tool_result", toolCallId: "c1", content: [{ type: "text", text: "ok" }, url(3)] }],
      },
      {
        role: "user",
        content: [
          url(1),
          { type: "image", source: { kind: "url", url: "data:image/png;base64,AAAA" } },
          { type: "image", source: { kind: "url", url: "s3://bucket/cat.png" } },
          { type: "image", source: { kind: "url", url: "gs://bucket/cat.png" } },
          { type: "image", source: { kind: "base64", mediaType: "image/gif", data: "R0lG" } },
        ],
      },
    ],
  };
}

describe("inlineImageUrls", () => {
  it("replaces every http(s) image URL, tool results included, and leaves other sources alone", async () => {
    const { fetcher } = fakeFetcher();
    const ir = request();
    const before = structuredClone(ir);
    const out = await inlineImageUrls(ir, true, fetcher);
    expect(out.messages[0]!.content[1]).toEqual({ type: "image", source: b64(1) });
    expect(out.messages[0]!.content[2]).toEqual({ type: "image", source: b64(2), detail: "high" });
    expect(out.messages[2]!.content[0]).toMatchObject({ content: [{ type: "text" }, { source: b64(3) }] });
    expect(out.messages[3]!.content).toEqual([
      { type: "image", source: b64(1) },
      ...ir.messages[3]!.content.slice(1),
    ]);
    expect(out.system).toEqual(ir.system);
    expect(ir).toEqual(before);
  });

  it("fetches each distinct URL once, naming where it first appears, with one shared budget", async () => {
    const { fetcher, calls } = fakeFetcher();
    await inlineImageUrls(request(), true, fetcher);
    expect(calls.map((c) => [c.url, c.where]).sort()).toEqual([
      ["https://img.test/1.png", "messages[0].content[1]"],
      ["https://img.test/2.png", "messages[0].content[2]"],
      ["https://img.test/3.png", "messages[2].content[0].content[1]"],
    ]);
    expect(new Set(calls.map((c) => c.budget)).size).toBe(1);
    expect(calls[0]!.budget!.limit).toBe(12345);
  });

  it("fetches at most 4 at once", async () => {
    const { fetcher, calls, maxInFlight } = fakeFetcher();
    const ir: IrChatRequest = {
      model: "m",
      stream: false,
      messages: [{ role: "user", content: Array.from({ length: 11 }, (_, i) => url(i)) }],
    };
    await inlineImageUrls(ir, true, fetcher);
    expect(calls).toHaveLength(11);
    expect(maxInFlight()).toBe(4);
  });

  it("fetches only what the predicate picks", async () => {
    const { fetcher, calls } = fakeFetcher();
    const out = await inlineImageUrls(request(), (u) => u.endsWith("/2.png"), fetcher);
    expect(calls.map((c) => c.url)).toEqual(["https://img.test/2.png"]);
    expect(out.messages[0]!.content[1]).toEqual(url(1));
  });

  it("fails with the fetch's 400 when an image cannot be fetched", async () => {
    const { fetcher } = fakeFetcher({ "https://img.test/3.png": "could not fetch the image (status 404)." });
    await expect(inlineImageUrls(request(), true, fetcher)).rejects.toMatchObject({
      code: "invalid_request",
      message: "messages[2].content[0].content[1]: could not fetch the image (status 404).",
    });
  });

  it("returns the request itself when there is nothing to fetch", async () => {
    const { fetcher, calls } = fakeFetcher();
    const ir: IrChatRequest = {
      model: "m",
      stream: false,
      messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
    };
    expect(await inlineImageUrls(ir, true, fetcher)).toBe(ir);
    expect(await inlineImageUrls(request(), false, fetcher)).toEqual(request());
    expect(calls).toHaveLength(0);
  });

  it("keeps failures as values in fetchImageUrls", async () => {
    const { fetcher } = fakeFetcher({ "https://img.test/1.png": "nope" });
    const got = await fetchImageUrls(request(), true, fetcher);
    expect(got.get("https://img.test/1.png")).toBeInstanceOf(GatewayError);
    expect(got.get("https://img.test/2.png")).toMatchObject({ mediaType: "image/png" });
  });
});

describe("needsFetch", () => {
  it("fetches only http(s), and only when needed", () => {
    expect(needsFetch("https://a.test/x.png", true)).toBe(true);
    expect(needsFetch("HTTP://a.test/x.png", true)).toBe(true);
    expect(needsFetch("https://a.test/x.png", false)).toBe(false);
    expect(needsFetch("https://a.test/x.png", undefined)).toBe(false);
    expect(needsFetch("gs://b/x.png", true)).toBe(false);
    expect(needsFetch("data:image/png;base64,AA", true)).toBe(false);
    expect(needsFetch("https://a.test/x.png", (u) => u.includes("b.test"))).toBe(false);
  });
});
