import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { PrometheusMetrics } from "./prometheus-metrics.js";

/**
 * GET /metrics on the main port, in Prometheus' text format. With `token` set (GATEHOUSE_METRICS_TOKEN)
 * a scrape must send `Authorization: Bearer <token>`; anything else is a 401 that says nothing more.
 * The comparison is on SHA-256 digests in constant time, so the token's length leaks nothing either.
 *
 * @example
 * registerMetricsRoute(server, metrics, process.env.GATEHOUSE_METRICS_TOKEN);
 * // scrape_configs: - job_name: gatehouse; authorization: { credentials: <token> }
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  metrics: PrometheusMetrics,
  token: string | undefined,
): void {
  const expected = token === undefined ? undefined : digest(token);
  app.get("/metrics", async (req, reply) => {
    if (expected !== undefined && !bearerMatches(req.headers.authorization, expected)) {
      return reply
        .code(401)
        .header("www-authenticate", 'Bearer realm="metrics"')
        .send({ error: { code: "unauthorized", message: "A valid metrics bearer token is required." } });
    }
    const { contentType, body } = await metrics.scrape();
    return reply.header("content-type", contentType).header("cache-control", "no-store").send(body);
  });
}

function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m !== null && timingSafeEqual(digest(m[1]!), expected);
}

function digest(s: string): Buffer {
  return createHash("sha256").update(s).digest();
}
