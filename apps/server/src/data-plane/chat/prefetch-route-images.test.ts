import { GatewayError, type IrChatRequest } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import type { ProviderKind } from "../../domain/provider.js";
import type { ImageFetcher } from "../../media/create-image-fetcher.js";
import { adapterFor } from "../../providers/adapter-for.js";
import type { Candidate } from "../../routing/model-catalog.js";
import { prefetchRouteImages } from "./prefetch-route-images.js";

const WEB = "https://img.test/cat.png";
const FILES_API = "https://generativelanguage.googleapis.com/v1beta/files/abc123";

function fetcherOf(fails: string[] = []) {
  const fetched: string[] = [];
  const fetcher: ImageFetcher = {
    close: async () => {},
    maxTotalBytes: 1 << 20,
    async fetch(url, where) {
      fetched.push(url);
      if (fails.includes(url))
        throw new GatewayError("invalid_request", `${where}: could not fetch the image (status 404).`);
      return { mediaType: "image/png", data: "iVBO" };
    },
  };
  return { fetcher, fetched };
}

const candidate = (kind: ProviderKind) =>
  ({ target: { kind }, deployment: { id: kind }, upstreamModel: "m" }) as unknown as Candidate;

function request(...urls: string[]): IrChatRequest {
  return {
    model: "m",
    stream: false,
    messages: [
      { role: "user", content: urls.map((url) => ({ type: "image", source: { kind: "url", url } })) },
    ],
  };
}

const sourceOf = (ir: IrChatRequest, i = 0) => (ir.messages[0]!.content[i] as { source: unknown }).source;

describe("prefetchRouteImages", () => {
  it("fetches nothing when no candidate needs bytes", async () => {
    const { fetcher, fetched } = fetcherOf();
    const ir = request(WEB);
    const images = await prefetchRouteImages(
      fetcher,
      ir,
      [candidate("openai"), candidate("anthropic")],
      "openai",
    );
    expect(fetched).toEqual([]);
    expect(images.irFor(adapterFor("anthropic"))).toBe(ir);
  });

  it("gives bytes to the candidates that need them and the URL to the others", async () => {
    const { fetcher, fetched } = fetcherOf();
    const ir = request(WEB);
    const images = await prefetchRouteImages(
      fetcher,
      ir,
      [candidate("openai"), candidate("ollama")],
      "openai",
    );
    expect(fetched).toEqual([WEB]);
    expect(sourceOf(images.irFor(adapterFor("ollama")))).toEqual({
      kind: "base64",
      mediaType: "image/png",
      data: "iVBO",
    });
    expect(sourceOf(images.irFor(adapterFor("bedrock")))).toEqual({
      kind: "base64",
      mediaType: "image/png",
      data: "iVBO",
    });
    expect(images.irFor(adapterFor("openai"))).toBe(ir);
  });

  it("leaves Gemini Files API URIs to Gemini and inlines web URLs for it (and Vertex)", async () => {
    const { fetcher, fetched } = fetcherOf();
    const ir = request(FILES_API, WEB);
    const images = await prefetchRouteImages(fetcher, ir, [candidate("gemini")], "openai");
    expect(fetched).toEqual([WEB]);
    for (const kind of ["gemini", "vertex"] as const) {
      const out = images.irFor(adapterFor(kind));
      expect(sourceOf(out, 0)).toEqual({ kind: "url", url: FILES_API });
      expect(sourceOf(out, 1)).toMatchObject({ kind: "base64" });
    }
  });

  it("fetches the Files API URI when an upstream that needs every URL is on the route", async () => {
    const { fetcher, fetched } = fetcherOf([FILES_API]);
    const images = await prefetchRouteImages(
      fetcher,
      request(FILES_API),
      [candidate("gemini"), candidate("bedrock")],
      "openai",
    );
    expect(fetched).toEqual([FILES_API]);
    // Gemini is served although the fetch failed: only Bedrock needed those bytes.
    expect(sourceOf(images.irFor(adapterFor("gemini")))).toEqual({ kind: "url", url: FILES_API });
    expect(() => images.irFor(adapterFor("bedrock"))).toThrow(
      "messages[0].content[0]: could not fetch the image (status 404).",
    );
  });

  it("does not fetch for a passthrough candidate (same protocol as the client)", async () => {
    const { fetcher, fetched } = fetcherOf();
    await prefetchRouteImages(fetcher, request(WEB), [candidate("gemini")], "gemini");
    expect(fetched).toEqual([]);
  });
});
