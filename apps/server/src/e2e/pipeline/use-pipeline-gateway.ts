import { type FakeServer, type FakeUpstreamOptions, startFakeOpenAIResponses } from "@gatehouse/test-support";
import { afterAll, beforeAll } from "vitest";
import { issueApiKey } from "../../auth/issue-api-key.js";
import { registerProvider } from "../../services/register-provider.js";
import type { UsageRecord } from "../../store/store-types.js";
import {
  startTestGateway,
  type TestGateway,
  type TestGatewayOptions,
} from "../../testing/start-test-gateway.js";
import { addModel, addProvider, startFake } from "../routing/routing-fixture.js";
import type { AuthStyle, ModelFamily, PipelineDriver, UpstreamKind } from "./pipeline-driver.js";
import { withKey } from "./pipeline-driver.js";
import { type RawAnswer, type RawCallOptions, rawCall } from "./raw-call.js";

/** Seconds in the retry-after of every fake's 429 (Gemini's: a RetryInfo detail). */
export const UPSTREAM_RETRY_AFTER_SECONDS = 7;
/** Prices of every model, nano-USD per million tokens: every served request costs something. */
export const PRICES = { inputPricePerMTok: 3_000_000_000, outputPricePerMTok: 15_000_000_000 };
const KINDS: readonly UpstreamKind[] = ["openai", "anthropic", "gemini", "openai-responses"];
const FAMILIES: Record<ModelFamily, readonly UpstreamKind[]> = {
  chat: KINDS,
  embeddings: ["openai", "gemini"],
};

/** How a conformance call presents its key: a style, and which key (the fixture's valid one by default). */
export interface CallAuth {
  style?: AuthStyle;
  /** The key to present; null for none. */
  key?: string | null;
}

/** A started conformance gateway: one fake per upstream kind, a model per family × kind. */
export interface PipelineGateway {
  readonly gw: TestGateway;
  readonly fakes: Record<UpstreamKind, FakeServer>;
  /** A revoked and an expired key of the gateway's tenant. */
  readonly keys: { revoked: string; expired: string };
  /** The model a driver names to reach an upstream kind ("" for rows without a model). */
  modelFor(driver: PipelineDriver, upstream: UpstreamKind | undefined): string;
  /** Sends a driver's request (or `request`, a variant of it) with a key. */
  call(r: Parameters<typeof rawCall>[1], auth?: CallAuth, options?: RawCallOptions): Promise<RawAnswer>;
  /** Upstream requests received so far, all fakes together. */
  upstreamCalls(): number;
  /** The request's usage record once it is no longer pending; undefined when none was written. */
  usage(requestId: string): Promise<UsageRecord | undefined>;
  /** The request's log lines (waiting briefly for the first), parsed. */
  logLines(requestId: string): Promise<Array<Record<string, unknown>>>;
}

/**
 * Starts, for a test file, a real gateway (SQLite in memory) and one OpenAI, Anthropic, Gemini and
 * OpenAI Responses fake (the last an `openai` provider with `responsesApi: true`), with models
 * `chat-<kind>` (each kind) and `embeddings-<kind>` (OpenAI, Gemini) routed one deployment each and
 * priced; closes them after. Read the returned object inside tests only.
 */
export function usePipelineGateway(options: Omit<TestGatewayOptions, "providers"> = {}): PipelineGateway {
  const state = {} as {
    gw: TestGateway;
    fakes: Record<UpstreamKind, FakeServer>;
    keys: PipelineGateway["keys"];
  };
  beforeAll(async () => {
    const fakes = {} as Record<UpstreamKind, FakeServer>;
    const fakeOptions: FakeUpstreamOptions = {
      retryAfterSeconds: UPSTREAM_RETRY_AFTER_SECONDS,
      slowDelayMs: 150,
      chunks: 6,
      faultAfterChunks: 3,
    };
    for (const kind of KINDS) {
      fakes[kind] =
        kind === "openai-responses"
          ? await startFakeOpenAIResponses(fakeOptions)
          : await startFake(kind, fakeOptions);
    }
    state.fakes = fakes;
    state.gw = await startTestGateway(options);
    for (const kind of KINDS) await addKind(state.gw, kind, fakes[kind]);
    for (const [family, kinds] of Object.entries(FAMILIES)) {
      for (const kind of kinds)
        await addModel(state.gw, `${family}-${kind}`, [{ provider: `up-${kind}` }], PRICES);
    }
    state.keys = await revokedAndExpiredKeys(state.gw);
  });
  afterAll(async () => {
    await state.gw?.close();
    for (const fake of Object.values(state.fakes ?? {})) await fake.close();
  });
  return {
    get gw() {
      return state.gw;
    },
    get fakes() {
      return state.fakes;
    },
    get keys() {
      return state.keys;
    },
    modelFor: (driver, upstream) =>
      driver.family === undefined ? "" : `${driver.family}-${upstream ?? "openai"}`,
    call: (r, auth = {}, callOptions = {}) => {
      const key = auth.key === null ? undefined : (auth.key ?? state.gw.key);
      return rawCall(state.gw.url, withKey(r, auth.style ?? "bearer", key), callOptions);
    },
    upstreamCalls: () => Object.values(state.fakes).reduce((n, f) => n + f.requests.length, 0),
    usage: (id) => finishedUsage(state.gw, id),
    logLines: (id) => logLinesOf(state.gw, id),
  };
}

/** Registers the fake of a kind as provider `up-<kind>` (no models). */
async function addKind(gw: TestGateway, kind: UpstreamKind, fake: FakeServer): Promise<void> {
  if (kind !== "openai-responses") return addProvider(gw, `up-${kind}`, kind, fake);
  await registerProvider(gw.store, gw.credentialVault, {
    tenantId: gw.tenant.id,
    name: `up-${kind}`,
    kind: "openai",
    baseUrl: fake.url,
    apiKey: "sk-fake",
    config: { responsesApi: true },
  });
}

async function revokedAndExpiredKeys(gw: TestGateway): Promise<PipelineGateway["keys"]> {
  const base = { tenantId: gw.tenant.id, workspaceId: gw.workspace.id };
  const revoked = await issueApiKey(gw.store, { ...base, name: "revoked" });
  await gw.store.apiKeys.revoke(gw.tenant.id, revoked.apiKey.id);
  const expired = await issueApiKey(gw.store, { ...base, name: "expired", expiresAt: Date.now() - 1 });
  await gw.app.refresh();
  return { revoked: revoked.secret, expired: expired.secret };
}

async function finishedUsage(gw: TestGateway, id: string): Promise<UsageRecord | undefined> {
  let rec: UsageRecord | undefined;
  for (let i = 0; i < 100; i++) {
    await gw.app.runtime.usage.flush();
    rec = await gw.store.usage.get(gw.tenant.id, id);
    if (rec?.status !== "pending") return rec;
    await new Promise((r) => setTimeout(r, 20));
  }
  return rec;
}

async function logLinesOf(gw: TestGateway, id: string): Promise<Array<Record<string, unknown>>> {
  const mine = () =>
    gw.logs
      .filter((l) => l.includes(id))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.reqId === id);
  for (let i = 0; i < 50 && mine().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  // A second line would follow the first closely: give it the chance to show.
  await new Promise((r) => setTimeout(r, 30));
  return mine();
}
