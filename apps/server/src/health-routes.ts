import type { FastifyInstance } from "fastify";
import type { Store } from "./store/store.js";

/**
 * GET /healthz: the process is alive (no dependency checked, so a slow database never gets it killed).
 * GET /readyz: the store answers, migrations are applied and the app is not draining.
 */
export function registerHealthRoutes(app: FastifyInstance, store: Store, isDraining: () => boolean): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_req, reply) => {
    if (isDraining()) return reply.code(503).send({ status: "draining" });
    try {
      await store.ping();
      if (!(await store.isMigrated())) return reply.code(503).send({ status: "migrations pending" });
    } catch {
      return reply.code(503).send({ status: "store unreachable" });
    }
    return { status: "ready" };
  });
}
