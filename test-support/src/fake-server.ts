import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeContext, FakeErrorResponse } from "./fake-context.js";
import type { FakeUpstreamOptions } from "./fake-upstream-options.js";
import { errorStatusOf, type FaultMode } from "./fault-mode.js";
import { ModeSchedule } from "./mode-schedule.js";
import { type RecordedRequest, readRecordedRequest } from "./recorded-request.js";
import { resolveRequestControl } from "./request-control.js";

/** What makes a fake one provider: its base path, its error shape and its routes. */
export interface FakeProviderSpec {
  /** Appended to the origin to form `url`, e.g. "/v1"; "" for none. */
  basePath: string;
  /** The provider's error response for a status (a default message per status unless one is given). */
  errorResponse: (
    status: number,
    message: string | undefined,
    details: Record<string, unknown>,
    requestId: string,
  ) => FakeErrorResponse;
  /** Whether a 429 carries a `retry-after` header (seconds), as the provider does. */
  retryAfterHeader: boolean;
  /** A header the provider sets on every response with a request id, e.g. "x-request-id". */
  requestIdHeader?: string;
  /** The provider's request id of the n-th request, in its own shape; {@link fakeRequestId} by default. */
  requestId?: (seq: number) => string;
  /** Answers a request in mode ok, slow or a mid-stream fault (the other modes are handled before). */
  handle: (ctx: FakeContext) => Promise<void> | void;
}

/** A running fake upstream. */
export interface FakeServer {
  /** Base URL including the provider's base path, e.g. `http://127.0.0.1:41234/v1`. */
  url: string;
  /** `http://127.0.0.1:PORT`, without base path. */
  origin: string;
  port: number;
  /** Every request received, in arrival order (a live array: tests may clear it with `length = 0`). */
  requests: RecordedRequest[];
  /** Sets the fault mode for all later requests, or for the next `times` requests only. */
  setMode: (mode: FaultMode, times?: number) => void;
  /** Ends hanging and streaming responses, destroys every socket and stops listening. Idempotent. */
  close: () => Promise<void>;
}

/**
 * Starts a provider fake on 127.0.0.1 with an ephemeral port: records each request, resolves its fault
 * mode (`x-fake-mode` header, else the scheduled mode), handles the modes common to all providers
 * (`hang`, `reset`, `error-*`) and hands the rest to the provider's handler.
 *
 * @example
 * const fake = await startFakeServer(spec, { chunks: 3 });
 * await fake.close();
 */
export async function startFakeServer(
  spec: FakeProviderSpec,
  options: FakeUpstreamOptions = {},
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const schedule = new ModeSchedule(options.mode ?? "ok");
  const active = new Set<AbortController>();
  const now = options.now ?? Date.now;
  let seq = 0;
  const server = createServer((req, res) => {
    const abort = new AbortController();
    active.add(abort);
    res.on("close", () => {
      abort.abort();
      active.delete(abort);
    });
    seq++;
    void serve({ spec, options, req, res, signal: abort.signal, seq, now, schedule, requests });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const abort of active) abort.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return {
    url: origin + spec.basePath,
    origin,
    port,
    requests,
    setMode: (m, t) => schedule.set(m, t),
    close,
  };
}

interface ServeArgs {
  spec: FakeProviderSpec;
  options: FakeUpstreamOptions;
  req: IncomingMessage;
  res: ServerResponse;
  signal: AbortSignal;
  seq: number;
  now: () => number;
  schedule: ModeSchedule;
  requests: RecordedRequest[];
}

async function serve(args: ServeArgs): Promise<void> {
  const { spec, req, res } = args;
  const requestId = (spec.requestId ?? fakeRequestId)(args.seq);
  if (spec.requestIdHeader !== undefined) res.setHeader(spec.requestIdHeader, requestId);
  const record = await readRecordedRequest(req).catch(() => undefined);
  if (record === undefined) return;
  args.requests.push(record);
  const resolved = resolveRequestControl(req.headers, args.schedule.next(), args.options);
  const ctx: FakeContext = {
    req,
    res,
    record,
    control: resolved.ok ? resolved.control : { mode: "ok", chunks: 1, delayMs: 0, faultAfter: 0 },
    signal: args.signal,
    seq: args.seq,
    now: args.now,
    promptCache: args.options.promptCache,
    fail: (status, message, details) => writeError(args, status, message, details),
  };
  record.mode = ctx.control.mode;
  if (!resolved.ok) return ctx.fail(400, resolved.message);
  const mode = ctx.control.mode;
  if (mode === "hang") return;
  if (mode === "reset") return void req.socket.resetAndDestroy();
  const status = errorStatusOf(mode);
  if (status !== undefined) return ctx.fail(status);
  try {
    await spec.handle(ctx);
  } catch (err) {
    if (!res.headersSent) ctx.fail(500, `fake handler failed: ${String(err)}`);
    else res.destroy();
  }
}

function writeError(
  args: ServeArgs,
  status: number,
  message?: string,
  details?: Record<string, unknown>,
): void {
  const { res } = args;
  if (res.headersSent || args.signal.aborted) return;
  const error = args.spec.errorResponse(
    status,
    message,
    details ?? {},
    (args.spec.requestId ?? fakeRequestId)(args.seq),
  );
  const headers: Record<string, string> = { "content-type": "application/json", ...error.headers };
  if (error.status === 429 && args.spec.retryAfterHeader) {
    const seconds = args.options.retryAfterSeconds ?? 1;
    headers["retry-after"] = String(seconds);
  }
  headers["content-length"] = String(Buffer.byteLength(error.body));
  res.writeHead(error.status, headers);
  res.end(error.body);
}

/** The request id a fake reports for its n-th request (header and error bodies). */
export function fakeRequestId(seq: number): string {
  return `req_fake_${String(seq).padStart(6, "0")}`;
}
