import { GatewayError } from "@gatehouse/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ByteBudget } from "./byte-budget.js";
import { createImageFetcher, type ImageFetcher } from "./create-image-fetcher.js";
import { PNG_1X1, startTestImageServer, type TestImageServer } from "./test-image-server.js";

let images: TestImageServer;
let fetcher: ImageFetcher;
const WHERE = "messages[1].content[0]";

beforeAll(async () => {
  images = await startTestImageServer();
  fetcher = createImageFetcher({ allowPrivate: true, maxBytes: 4096, timeoutMs: 400 });
});
afterAll(() => images.close());

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  const gw = err as GatewayError;
  expect(gw.code).toBe("invalid_request");
  expect(gw.status).toBe(400);
  expect(gw.details.param).toBe(WHERE);
  expect(gw.message.startsWith(`${WHERE}: could not fetch the image`)).toBe(true);
  return gw;
}

describe("fetchImage (through createImageFetcher)", () => {
  it("returns the bytes as base64 with the declared image type", async () => {
    expect(await fetcher.fetch(`${images.origin}/cat.png`, WHERE)).toEqual({
      mediaType: "image/png",
      data: PNG_1X1.toString("base64"),
    });
  });

  it("sniffs PNG bytes served as application/octet-stream", async () => {
    expect((await fetcher.fetch(`${images.origin}/generic.bin`, WHERE)).mediaType).toBe("image/png");
  });

  it("prefers the sniffed type over a wrong image/* label", async () => {
    expect((await fetcher.fetch(`${images.origin}/mislabelled.jpg`, WHERE)).mediaType).toBe("image/png");
  });

  it("refuses generic bytes that are no known image", async () => {
    const e = await failure(fetcher.fetch(`${images.origin}/generic.txt`, WHERE));
    expect(e.message).toContain("not a PNG, JPEG, GIF or WebP");
  });

  it("refuses a non-image content type", async () => {
    const e = await failure(fetcher.fetch(`${images.origin}/page.html`, WHERE));
    expect(e.message).toContain("content type text/html is not an image");
  });

  it("names the upstream status of a failed fetch", async () => {
    const e = await failure(fetcher.fetch(`${images.origin}/missing`, WHERE));
    expect(e.message).toBe(`${WHERE}: could not fetch the image (status 404).`);
  });

  it("refuses a declared size over the limit without reading the body", async () => {
    const e = await failure(fetcher.fetch(`${images.origin}/big.png`, WHERE));
    expect(e.message).toContain("larger than 4096 bytes");
  });

  it("stops reading a chunked body at the limit", async () => {
    expect((await fetcher.fetch(`${images.origin}/stream.png?kb=2`, WHERE)).mediaType).toBe("image/png");
    const e = await failure(fetcher.fetch(`${images.origin}/stream.png?kb=8`, WHERE));
    expect(e.message).toContain("larger than 4096 bytes");
  });

  it("follows up to 3 redirects and no more", async () => {
    expect((await fetcher.fetch(`${images.origin}/hop/3`, WHERE)).mediaType).toBe("image/png");
    const e = await failure(fetcher.fetch(`${images.origin}/hop/4`, WHERE));
    expect(e.message).toContain("more than 3 redirects");
  });

  it("checks a redirect's target against the SSRF policy (metadata stays refused with the override)", async () => {
    const e = await failure(fetcher.fetch(`${images.origin}/to-metadata`, WHERE));
    expect(e.message).toContain("private or reserved network address");
    expect(e.message).not.toContain("169.254");
  });

  it("times out a server that never answers", async () => {
    const e = await failure(fetcher.fetch(`${images.origin}/slow.png`, WHERE));
    expect(e.message).toContain("no complete answer within 0.4 s");
  });

  it("refuses URLs that are not http(s)", async () => {
    const e = await failure(fetcher.fetch("file:///etc/passwd", WHERE));
    expect(e.message).toContain("only http and https");
  });

  it("shares a byte budget across fetches", async () => {
    const budget = new ByteBudget(PNG_1X1.length * 2 - 1);
    await fetcher.fetch(`${images.origin}/cat.png`, WHERE, budget);
    const e = await failure(fetcher.fetch(`${images.origin}/cat.png`, WHERE, budget));
    expect(e.message).toContain(`exceed ${PNG_1X1.length * 2 - 1} bytes in total`);
  });
});

describe("createImageFetcher without the private-address override", () => {
  it("refuses loopback before connecting, as a 400", async () => {
    const guarded = createImageFetcher();
    const before = images.hits.length;
    const e = await failure(guarded.fetch(`${images.origin}/cat.png`, WHERE));
    expect(e.message).toContain("private or reserved network address");
    expect(images.hits.length).toBe(before);
  });

  it("refuses the metadata address", async () => {
    const e = await failure(createImageFetcher().fetch("http://169.254.169.254/latest/meta-data/", WHERE));
    expect(e.message).toContain("private or reserved network address");
  });
});
