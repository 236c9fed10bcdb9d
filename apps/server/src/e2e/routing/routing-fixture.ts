import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type FakeServer,
  type FakeUpstreamOptions,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from "@gatehouse/test-support";
import type { Model } from "../../domain/model.js";
import { registerProvider } from "../../services/register-provider.js";
import type { ModelPatch } from "../../store/store-types.js";
import type { TestGateway } from "../../testing/start-test-gateway.js";

/** The upstream kinds these tests route to: one per client protocol. */
export type UpstreamKind = "openai" | "anthropic" | "gemini";

/** Starts a provider fake of a kind. */
export function startFake(kind: UpstreamKind, options: FakeUpstreamOptions = {}): Promise<FakeServer> {
  if (kind === "anthropic") return startFakeAnthropic(options);
  if (kind === "gemini") return startFakeGemini(options);
  return startFakeOpenAI(options);
}

/** Registers a fake as a provider of the gateway's tenant (no models). */
export async function addProvider(gw: TestGateway, name: string, kind: UpstreamKind, fake: { url: string }) {
  const baseUrl = kind === "gemini" ? `${fake.url}/v1beta` : fake.url;
  await registerProvider(gw.store, gw.credentialVault, {
    tenantId: gw.tenant.id,
    name,
    kind,
    baseUrl,
    apiKey: "sk-fake",
  });
}

export interface DeploymentSpec {
  provider: string;
  priority?: number;
  weight?: number;
  upstreamModel?: string;
}

/**
 * Creates a model routed to the given deployments, with routing settings, and refreshes the gateway's
 * snapshot. Deployments default to priority 0, weight 1, upstream model `up-<name>`.
 */
export async function addModel(
  gw: TestGateway,
  name: string,
  deployments: DeploymentSpec[],
  settings: ModelPatch = {},
): Promise<Model> {
  const model = await gw.store.models.create({
    tenantId: gw.tenant.id,
    name,
    inputPricePerMTok: 0,
    outputPricePerMTok: 0,
    contextWindow: null,
    maxOutputTokens: null,
  });
  for (const d of deployments) {
    const provider = (await gw.store.providers.findByName(gw.tenant.id, d.provider))!;
    await gw.store.models.addDeployment(gw.tenant.id, {
      modelId: model.id,
      providerId: provider.id,
      upstreamModel: d.upstreamModel ?? `up-${name}`,
      weight: d.weight ?? 1,
      priority: d.priority ?? 0,
    });
  }
  // Settings may name models created later (fallbacks), so they are set once the model exists.
  const updated =
    Object.keys(settings).length > 0 ? await gw.store.models.update(gw.tenant.id, model.id, settings) : model;
  await gw.app.refresh();
  return updated!;
}

/** The usage record of a request, once written. */
export async function usageOf(gw: TestGateway, requestId: string) {
  await gw.app.runtime.usage.flush();
  let rec = await gw.store.usage.get(gw.tenant.id, requestId);
  for (let i = 0; i < 50 && rec?.status === "pending"; i++) {
    await new Promise((r) => setTimeout(r, 20));
    await gw.app.runtime.usage.flush();
    rec = await gw.store.usage.get(gw.tenant.id, requestId);
  }
  return rec!;
}

/** An OpenAI-compatible upstream whose every chat call exceeds its context window (400, OpenAI's shape). */
export interface ContextLimitedUpstream {
  url: string;
  /** Chat requests received. */
  count(): number;
  close(): Promise<void>;
}

/**
 * Starts an upstream that answers every request as OpenAI does a prompt over the context window.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export async function startContextLimitedUpstream(): Promise<ContextLimitedUpstream> {
  let count = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      count++;
      const body = JSON.stringify({
        error: {
          message:
            "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
          type: "invalid_request_error",
          param: "messages",
          code: "context_length_exceeded",
        },
      });
      res.writeHead(400, { "content-type": "application/json" }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    count: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
