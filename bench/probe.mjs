// One request through a target before it is measured: a target that answers errors fast would
// otherwise show a flattering req/s.
import { request } from "undici";

/**
 * Sends `spec` once; resolves when the answer is 200 and (streaming) carries `expectedChunks` stamped
 * chunks, or (JSON) parses; otherwise rejects with the status and the start of the body.
 */
export async function probe(spec, { expectedChunks } = {}) {
  const { statusCode, body } = await request(`${spec.origin}${spec.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...spec.headers },
    body: spec.body,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  const text = await body.text();
  const fail = (why) => new Error(`${why}: HTTP ${statusCode} ${text.slice(0, 300).replace(/\s+/g, " ")}`);
  if (statusCode !== 200) throw fail("probe failed");
  if (expectedChunks === undefined) {
    JSON.parse(text);
    return;
  }
  const chunks = text.match(/<t:\d+\.\d+>/g)?.length ?? 0;
  if (chunks !== expectedChunks) throw fail(`stream carried ${chunks} of ${expectedChunks} chunks`);
}
