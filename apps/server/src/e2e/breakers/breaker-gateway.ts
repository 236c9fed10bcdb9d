import { issueApiKey } from "../../auth/issue-api-key.js";
import type { DeploymentHealth } from "../../control-plane/deployment-health.js";
import { createApp, type GatehouseApp } from "../../create-app.js";
import { createLogger } from "../../logging/create-logger.js";
import type { BreakerPolicy } from "../../resilience/breaker-policy.js";
import {
  startTestGateway,
  type TestGateway,
  type TestGatewayOptions,
} from "../../testing/start-test-gateway.js";
import type { BreakerStoreKind } from "./breaker-stores.js";

/** A test gateway over one kind of breaker store; `close` also closes its siblings and the store. */
export interface BreakerGateway extends TestGateway {
  /** Which store the breakers live in ("memory" or "redis"). */
  storeKind: BreakerStoreKind["name"];
  /**
   * Starts a second instance, as behind a load balancer: same database and keys, its own process state,
   * breakers over the same shared state (the same Redis keys; for memory, the same store).
   */
  sibling(): Promise<GatewayInstance>;
}

/** Another running instance of a gateway. */
export interface GatewayInstance {
  url: string;
  app: GatehouseApp;
}

/**
 * Starts a real Gatehouse whose breakers live in a fresh store of `kind` under `policy`, with a quick
 * retry backoff (the cases count attempts, not milliseconds of backoff).
 *
 * @example
 * const gw = await startBreakerGateway(kind, { consecutiveFailures: 2 });
 */
export async function startBreakerGateway(
  kind: BreakerStoreKind,
  policy: Partial<BreakerPolicy> = {},
  options: Omit<TestGatewayOptions, "breakerStore"> = {},
): Promise<BreakerGateway> {
  const opened = await kind.open(policy);
  const gw = await startTestGateway({
    retryPolicy: { backoff: { baseMs: 1, maxMs: 5 } },
    ...options,
    breakerStore: opened.store,
  });
  const siblings: GatehouseApp[] = [];
  // What a sibling shares with the first instance besides the database: the app's own settings.
  const { providers: _registered, store: _sameStore, ...appOptions } = options;
  return {
    ...gw,
    storeKind: kind.name,
    sibling: async () => {
      const app = await createApp({
        store: gw.store,
        secretBox: gw.secretBox,
        logger: createLogger("silent"),
        refreshIntervalMs: 50,
        retryPolicy: { backoff: { baseMs: 1, maxMs: 5 } },
        ...appOptions,
        breakerStore: await opened.sibling(),
      });
      siblings.push(app);
      await app.server.listen({ port: 0, host: "127.0.0.1" });
      const address = app.server.server.address();
      return { url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`, app };
    },
    close: async () => {
      // The instances share the database: stop the siblings first, the one that owns it last.
      for (const app of siblings) {
        await app.server.close();
        await app.shutdown();
      }
      await gw.close();
      await opened.dispose();
    },
  };
}

/** A deployment's row of `GET /api/deployments/health`, found by model and provider name. */
export async function healthOf(gw: TestGateway, model: string, provider: string): Promise<DeploymentHealth> {
  const res = await gw.app.server.inject({
    method: "GET",
    url: "/api/deployments/health",
    headers: { authorization: `Bearer ${gw.key}` },
  });
  if (res.statusCode !== 200) throw new Error(`health API answered ${res.statusCode}: ${res.body}`);
  const rows = res.json().deployments as DeploymentHealth[];
  const row = rows.find((r) => r.model === model && r.provider === provider);
  if (row === undefined) throw new Error(`no deployment of ${model} on ${provider} in the health API`);
  return row;
}

/** The id of a model's deployment on a provider, from the gateway's routing snapshot. */
export function deploymentIdOf(gw: TestGateway, model: string, provider: string): string {
  const route = gw.app.runtime.catalog.resolve(gw.tenant.id, model);
  const candidate = route?.groups.flat().find((c) => c.target.name === provider);
  if (candidate === undefined) throw new Error(`no deployment of ${model} on ${provider}`);
  return candidate.deployment.id;
}

/** A second API key of the gateway's tenant: another client, in another workspace of the same tenant. */
export async function anotherKey(gw: TestGateway, name: string): Promise<string> {
  const workspace = await gw.store.workspaces.create({ tenantId: gw.tenant.id, name });
  const { secret } = await issueApiKey(gw.store, {
    tenantId: gw.tenant.id,
    workspaceId: workspace.id,
    name,
  });
  return secret;
}
