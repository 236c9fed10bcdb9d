import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A 1×1 PNG. */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** A running image server for tests. */
export interface TestImageServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Paths requested so far, in order. */
  hits: string[];
  close(): Promise<void>;
}

/**
 * A local HTTP server for image-fetch tests. Routes: /cat.png (PNG), /generic.bin (PNG as
 * application/octet-stream), /generic.txt (text as application/octet-stream), /mislabelled.jpg (PNG
 * bytes labelled image/jpeg), /page.html, /missing (404), /big.png (declared too big), /stream.png
 * (chunked, `?kb=N` KiB), /hop/N (N redirects, then /cat.png), /to-metadata (redirect to
 * 169.254.169.254), /slow.png (never answers).
 */
export async function startTestImageServer(): Promise<TestImageServer> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    hits.push(url.pathname);
    route(url, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(url: URL, res: ServerResponse): void {
  const send = (status: number, type: string | undefined, body: Buffer | string) => {
    res.writeHead(status, type === undefined ? {} : { "content-type": type });
    res.end(body);
  };
  const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
  if (hop) {
    const n = Number(hop[1]);
    res.writeHead(302, { location: n > 1 ? `/hop/${n - 1}` : "/cat.png" });
    return void res.end();
  }
  switch (url.pathname) {
    case "/cat.png":
      return void send(200, "image/png", PNG_1X1);
    case "/generic.bin":
      return void send(200, "application/octet-stream", PNG_1X1);
    case "/generic.txt":
      return void send(200, "application/octet-stream", "just some text");
    case "/mislabelled.jpg":
      return void send(200, "image/jpeg; charset=binary", PNG_1X1);
    case "/page.html":
      return void send(200, "text/html", "<html></html>");
    case "/big.png":
      res.writeHead(200, { "content-type": "image/png", "content-length": String(50 * 1024 * 1024) });
      return void res.write(PNG_1X1);
    case "/stream.png": {
      res.writeHead(200, { "content-type": "image/png" });
      res.write(PNG_1X1);
      const kb = Number(url.searchParams.get("kb") ?? "1");
      for (let i = 0; i < kb; i++) res.write(Buffer.alloc(1024));
      return void res.end();
    }
    case "/to-metadata":
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      return void res.end();
    case "/slow.png":
      return;
    default:
      return void send(404, "text/plain", "not found");
  }
}
