import type { Logger } from "pino";
import type { RequestContext } from "../data-plane/request-context.js";
import { redactUrl } from "./create-logger.js";

/** Writes the one structured log line of a data-plane request. No header is ever logged. */
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
  logger.info(line, "request");
}
