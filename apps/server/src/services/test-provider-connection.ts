import type { Dispatcher } from "undici";
import type { Provider } from "../domain/provider.js";
import { signAwsRequest } from "../providers/bedrock/sign-aws-request.js";
import { buildTarget } from "../providers/build-target.js";
import type { ProviderCredentials, UpstreamTarget } from "../providers/upstream-target.js";
import { SsrfBlockedError } from "../security/ssrf-blocked-error.js";

/** What a connection test found. */
export interface ConnectionTest {
  ok: boolean;
  /** The upstream's HTTP status; null when no answer came. */
  status: number | null;
  latencyMs: number;
  /** For people; every secret of the provider removed. */
  message: string;
}

export interface ConnectionTestDeps {
  dispatcher: Dispatcher;
  now: () => number;
  /** The whole test, connection and answer, is cut after this long (5 s by default). */
  timeoutMs?: number;
}

/** The most of an error body read, and of it shown. */
const MAX_BODY_BYTES = 4096;
const MAX_MESSAGE = 300;

/**
 * Makes one cheap authenticated request to a provider and reports what came back, never throwing for an
 * upstream or network failure: the listing of models each API offers (OpenAI-compatible `GET {base}/models`,
 * Anthropic `GET /v1/models`, Gemini `GET {base}/models` with x-goog-api-key, Ollama `GET /api/tags`, Azure
 * `GET /openai/models`, Bedrock's signed `GET /foundation-models` on the `bedrock` control-plane host,
 * Vertex AI an OAuth token for the service account). The upstream's error text is shortened and every
 * secret of the provider removed from it.
 * @see https://platform.openai.com/docs/api-reference/models/list
 * @see https://docs.anthropic.com/en/api/models-list
 * @see https://ai.google.dev/api/models#method:-models.list
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListFoundationModels.html
 *
 * @example
 * const result = await testProviderConnection(provider, credentials, { dispatcher, now: Date.now });
 */
export async function testProviderConnection(
  provider: Provider,
  credentials: ProviderCredentials,
  deps: ConnectionTestDeps,
): Promise<ConnectionTest> {
  const started = deps.now();
  const secrets = Object.values(credentials).filter((v): v is string => typeof v === "string" && v !== "");
  const signal = AbortSignal.timeout(deps.timeoutMs ?? 5_000);
  const elapsed = () => Math.max(0, Math.round(deps.now() - started));
  try {
    const target = buildTarget(provider, credentials);
    const probe = await probeFor(target, deps, signal);
    if (probe === "token-obtained") {
      return {
        ok: true,
        status: 200,
        latencyMs: elapsed(),
        message: "Credentials accepted (token obtained).",
      };
    }
    const res = await deps.dispatcher.request({ ...probe, signal, headersTimeout: deps.timeoutMs ?? 5_000 });
    const text = await readBounded(res.body);
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    return {
      ok,
      status: res.statusCode,
      latencyMs: elapsed(),
      message: ok ? "Connected." : redact(errorTextOf(text) || `HTTP ${res.statusCode}`, secrets),
    };
  } catch (err) {
    return {
      ok: false,
      status: null,
      latencyMs: elapsed(),
      message: redact(failureOf(err, signal), secrets),
    };
  }
}

type Probe = Pick<Dispatcher.RequestOptions, "origin" | "path" | "method" | "headers">;

async function probeFor(
  target: UpstreamTarget,
  deps: ConnectionTestDeps,
  signal: AbortSignal,
): Promise<Probe | "token-obtained"> {
  const { "content-type": _json, ...headers } = target.headers;
  const get = (path: string, origin = target.origin): Probe => ({ origin, path, method: "GET", headers });
  switch (target.kind) {
    case "openai":
      return get(`${target.basePath}/models`);
    case "anthropic":
      return get(`${target.basePath}/v1/models?limit=1`);
    case "gemini":
      return get(`${target.basePath}/models?pageSize=1`);
    case "ollama":
      return get(`${target.basePath}/api/tags`);
    case "azure": {
      const version = typeof target.config.apiVersion === "string" ? target.config.apiVersion : "2024-10-21";
      return version === "v1"
        ? get(`${target.basePath}/openai/v1/models`)
        : get(`${target.basePath}/openai/models?api-version=${encodeURIComponent(version)}`);
    }
    case "bedrock":
      return bedrockProbe(target, deps.now());
    case "vertex": {
      signal.throwIfAborted();
      await target.auth?.headers({ upstream: deps.dispatcher, now: deps.now() });
      return "token-obtained";
    }
  }
}

/** ListFoundationModels lives on the control-plane host (bedrock.…), not the runtime host (bedrock-runtime.…). */
function bedrockProbe(target: UpstreamTarget, now: number): Probe {
  const url = new URL(target.origin);
  url.hostname = url.hostname.replace(/^bedrock-runtime\./, "bedrock.");
  const region = typeof target.config.region === "string" ? target.config.region : "us-east-1";
  const path = `${target.basePath}/foundation-models`;
  const query = "byOutputModality=TEXT";
  // A Bedrock API key is a bearer token, sent as is; AWS keys sign the request (SigV4).
  if (target.credentials.apiKey) {
    const headers = { authorization: `Bearer ${target.credentials.apiKey}` };
    return { origin: url.origin, path: `${path}?${query}`, method: "GET", headers };
  }
  const signed = signAwsRequest({
    method: "GET",
    host: url.host,
    path,
    query,
    headers: {},
    body: "",
    region,
    service: "bedrock",
    credentials: {
      accessKeyId: target.credentials.accessKeyId ?? "",
      secretAccessKey: target.credentials.secretAccessKey ?? "",
      ...(target.credentials.sessionToken ? { sessionToken: target.credentials.sessionToken } : {}),
    },
    now,
  });
  return {
    origin: url.origin,
    path: `${path}?byOutputModality=TEXT`,
    method: "GET",
    headers: signed.headers,
  };
}

async function readBounded(body: Dispatcher.ResponseData["body"]): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= MAX_BODY_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString("utf8");
}

/** The message of a JSON error body in any of the providers' shapes, else the text itself. */
function errorTextOf(text: string): string {
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown };
    const error = json.error;
    if (typeof error === "string") return error;
    if (error && typeof (error as { message?: unknown }).message === "string")
      return (error as { message: string }).message;
    if (typeof json.message === "string") return json.message;
  } catch {
    // Not JSON: the text as it is.
  }
  return text.trim();
}

function failureOf(err: unknown, signal: AbortSignal): string {
  if (signal.aborted) return "No answer within the time limit.";
  if (err instanceof SsrfBlockedError) return err.message;
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? ` (${e.code})` : "";
  return `Could not reach the provider${code}: ${typeof e.message === "string" ? e.message : "network error"}`;
}

/**
 * The text without the provider's secrets (also when the upstream echoes part of one) nor anything shaped
 * like a key or bearer token, shortened.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    out = out.split(secret).join("[redacted]");
    // Providers often echo a key's start and end ("sk-abc***wxyz"): hide any 8+ character slice of it.
    if (secret.length >= 16) {
      for (let i = 0; i + 8 <= secret.length; i += 4)
        out = out.split(secret.slice(i, i + 8)).join("[redacted]");
    }
  }
  out = out
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 [redacted]")
    .replace(/\b(sk|pk|rk|gh[pousr]|xox[abpr])[-_][A-Za-z0-9_*.-]{6,}/g, "[redacted]")
    .replace(/\bAIza[0-9A-Za-z_-]{10,}/g, "[redacted]")
    .replace(/([?&](?:key|api[-_]?key|token)=)[^&\s"]+/gi, "$1[redacted]");
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE)}…` : out;
}
