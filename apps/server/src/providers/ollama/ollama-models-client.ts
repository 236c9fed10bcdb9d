import { GatewayError } from "@gatehouse/protocol";
import type { Dispatcher } from "undici";
import type { UpstreamTarget } from "../upstream-target.js";

/** A pulled model as the console and API show it (from Ollama's /api/tags). */
export interface OllamaModelInfo {
  name: string;
  size: number;
  digest: string;
  modifiedAt: string | null;
  details: OllamaDetails;
}

export interface OllamaDetails {
  family: string | null;
  parameterSize: string | null;
  quantization: string | null;
  format: string | null;
}

/** One line of Ollama's pull progress. */
export interface OllamaPullProgress {
  status: string;
  digest?: string;
  total?: number;
  completed?: number;
  error?: string;
}

/** Where and how to reach one Ollama provider: its target, through the guarded dispatcher. */
export interface OllamaCall {
  target: UpstreamTarget;
  dispatcher: Dispatcher;
}

/** Short calls (list, show, delete) are cut after this long; a pull may run for as long as it streams. */
const TIMEOUT_MS = 10_000;
const MAX_ERROR_BYTES = 4096;

async function request(
  call: OllamaCall,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: object,
  signal?: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  const { target } = call;
  try {
    return await call.dispatcher.request({
      origin: target.origin,
      path: `${target.basePath}${path}`,
      method,
      headers: { ...target.headers, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: signal ?? AbortSignal.timeout(TIMEOUT_MS),
      headersTimeout: TIMEOUT_MS,
    });
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    throw new GatewayError("upstream_unreachable", "The Ollama server could not be reached.");
  }
}

/** Throws for an error answer: 404 → not_found with Ollama's message, anything else → upstream_error. */
async function expectOk(res: Dispatcher.ResponseData): Promise<void> {
  if (res.statusCode >= 200 && res.statusCode < 300) return;
  const text = (await res.body.text()).slice(0, MAX_ERROR_BYTES);
  let message = `Ollama answered HTTP ${res.statusCode}.`;
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === "string") message = `Ollama: ${parsed.error.slice(0, 300)}`;
  } catch {
    // Not JSON: keep the status line.
  }
  throw new GatewayError(res.statusCode === 404 ? "not_found" : "upstream_error", message);
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

function detailsOf(raw: unknown): OllamaDetails {
  const d = (raw ?? {}) as Record<string, unknown>;
  return {
    family: str(d["family"]),
    parameterSize: str(d["parameter_size"]),
    quantization: str(d["quantization_level"]),
    format: str(d["format"]),
  };
}

/**
 * The models pulled on the Ollama host (GET /api/tags), by name.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models
 */
export async function listOllamaModels(call: OllamaCall): Promise<OllamaModelInfo[]> {
  const res = await request(call, "GET", "/api/tags");
  await expectOk(res);
  const json = (await res.body.json()) as { models?: Array<Record<string, unknown>> };
  return (json.models ?? [])
    .map((m) => ({
      name: String(m["name"] ?? m["model"] ?? ""),
      size: typeof m["size"] === "number" ? m["size"] : 0,
      digest: String(m["digest"] ?? ""),
      modifiedAt: str(m["modified_at"]),
      details: detailsOf(m["details"]),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * One model's details (POST /api/show): capabilities, context length (from `model_info`), parameters.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#show-model-information
 */
export async function showOllamaModel(call: OllamaCall, model: string) {
  const res = await request(call, "POST", "/api/show", { model });
  await expectOk(res);
  const json = (await res.body.json()) as Record<string, unknown>;
  const info = (json["model_info"] ?? {}) as Record<string, unknown>;
  const contextKey = Object.keys(info).find((k) => k.endsWith(".context_length"));
  const context = contextKey === undefined ? null : info[contextKey];
  return {
    name: model,
    details: detailsOf(json["details"]),
    capabilities: Array.isArray(json["capabilities"]) ? json["capabilities"].map(String) : [],
    contextLength: typeof context === "number" ? context : null,
    parameters: str(json["parameters"]),
    modifiedAt: str(json["modified_at"]),
  };
}

/**
 * Deletes a model from the Ollama host (DELETE /api/delete `{model}`); not_found when it has none.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#delete-a-model
 */
export async function deleteOllamaModel(call: OllamaCall, model: string): Promise<void> {
  const res = await request(call, "DELETE", "/api/delete", { model });
  await expectOk(res);
  await res.body.dump();
}

/**
 * Pulls a model (POST /api/pull, NDJSON progress), yielding each progress line as it comes. An `{error}`
 * line or a cut stream throws; the last line of a good pull has status "success".
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#pull-a-model
 */
export async function* pullOllamaModel(
  call: OllamaCall,
  model: string,
  signal: AbortSignal,
): AsyncGenerator<OllamaPullProgress> {
  const res = await request(call, "POST", "/api/pull", { model, stream: true }, signal);
  await expectOk(res);
  let buffered = "";
  let succeeded = false;
  for await (const chunk of res.body) {
    buffered += Buffer.from(chunk as Uint8Array).toString("utf8");
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf("\n");
      if (line === "") continue;
      const progress = progressOf(line);
      if (progress.error !== undefined) throw new GatewayError("upstream_error", `Ollama: ${progress.error}`);
      if (progress.status === "success") succeeded = true;
      yield progress;
    }
  }
  if (!succeeded)
    throw new GatewayError("stream_interrupted", "The pull ended before Ollama reported success.");
}

function progressOf(line: string): OllamaPullProgress {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new GatewayError("upstream_error", "Ollama sent a progress line that is not JSON.");
  }
  if (typeof raw["error"] === "string") return { status: "error", error: raw["error"].slice(0, 300) };
  return {
    status: String(raw["status"] ?? ""),
    ...(typeof raw["digest"] === "string" ? { digest: raw["digest"] } : {}),
    ...(typeof raw["total"] === "number" ? { total: raw["total"] } : {}),
    ...(typeof raw["completed"] === "number" ? { completed: raw["completed"] } : {}),
  };
}
