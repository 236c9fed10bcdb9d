import pino, { type DestinationStream, type Logger } from "pino";
import type { RequestContext } from "../data-plane/request-context.js";
import { redactUrl } from "./create-logger.js";

/**
 * Writes the one structured log line of a data-plane request. No header is ever logged.
 * The line is the one `logger.info(line, "request")` would print (level label, ISO time, the fields,
 * msg) but written straight to the logger's destination: pino's generic path allocated ~15% of all
 * bytes a request allocates (bench/README.md, "Findings"), and this flat object needs none of it.
 */
export function logRequest(logger: Logger, ctx: RequestContext, now: number): void {
  const line: Record<string, unknown> = {
    reqId: ctx.id,
    method: ctx.method,
    url: redactUrl(ctx.url),
    status: ctx.status,
    ms: now - ctx.startedAt,
    surface: ctx.surface,
  };
  if (ctx.requestedModel !== undefined) line.model = ctx.requestedModel;
  if (ctx.key) line.keyId = ctx.key.id;
  if (ctx.candidate) {
    line.provider = ctx.candidate.target.name;
    line.deployment = ctx.candidate.deployment.id;
  }
  if (ctx.stream) line.stream = true;
  if (ctx.ttfbMs !== undefined) line.ttfbMs = ctx.ttfbMs;
  if (ctx.usage) {
    line.inputTokens = ctx.usage.inputTokens;
    line.outputTokens = ctx.usage.outputTokens;
    line.costNano = ctx.costNano;
  }
  if (ctx.interrupted) line.interrupted = true;
  if (ctx.errorCode) {
    line.error = ctx.errorCode;
    line.errorMessage = ctx.errorMessage;
  }
  writeInfoLine(logger, line, "request");
}

/** `logger.info(fields, msg)` for a flat object on a logger with no bindings, mixins or redaction. */
function writeInfoLine(logger: Logger, fields: Record<string, unknown>, msg: string): void {
  if (!logger.isLevelEnabled("info")) return;
  const json = JSON.stringify(fields);
  const inner = json.length > 2 ? `${json.slice(1, -1)},` : "";
  const stream = (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym]!;
  stream.write(
    `{"level":"info","time":"${new Date().toISOString()}",${inner}"msg":${JSON.stringify(msg)}}\n`,
  );
}
