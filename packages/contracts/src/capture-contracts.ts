import { z } from "zod";
import { Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";

const tag = "Prompt capture";
const TenantParams = z.object({ tenantId: Id });

export const CaptureSettingsSchema = z.object({
  /** Off by default: when on, each request's body and the answer its client got are kept, encrypted. */
  enabled: z.boolean(),
  /** The most of each body kept, in bytes (1 KiB to 64 KiB; more is cut and flagged truncated). */
  maxBytes: z.number().int().min(1_024).max(65_536),
});

/** One side of a captured exchange: the text (UTF-8, possibly cut mid-character), its size and whether it was cut. */
export const CapturedBodySchema = z.object({
  text: z.string(),
  /** The size of the whole body, in bytes, before any cut. */
  bytes: z.number().int(),
  truncated: z.boolean(),
});

export const PromptCaptureSchema = z.object({
  requestId: z.string(),
  workspaceId: z.string(),
  createdAt: Timestamp,
  /** The client's request body (headers are never captured). */
  request: CapturedBodySchema,
  /** The answer the client got: the JSON body, or the bytes of the stream; null when none was sent. */
  response: CapturedBodySchema.nullable(),
  /** Whether the answer was streamed (server-sent events). */
  stream: z.boolean(),
});

export const getCaptureSettings = defineContract({
  id: "capture.get",
  method: "GET",
  path: "/api/tenants/:tenantId/capture",
  tag,
  summary: "Whether prompts and responses are captured in this tenant (off by default)",
  access: { permission: "tenant:read" },
  params: TenantParams,
  response: CaptureSettingsSchema,
});

export const updateCaptureSettings = defineContract({
  id: "capture.update",
  method: "PATCH",
  path: "/api/tenants/:tenantId/capture",
  tag,
  summary: "Turn prompt capture on or off, or change its bound (audited; applies from the next request)",
  description:
    "Captured bodies are stored encrypted and kept as long as the tenant's raw usage records " +
    "(usageRetention). Request headers are never captured.",
  access: { permission: "tenant:update" },
  params: TenantParams,
  body: CaptureSettingsSchema.partial().strict(),
  response: CaptureSettingsSchema,
});

export const getUsageLogCapture = defineContract({
  id: "usageLogs.capture",
  method: "GET",
  path: "/api/tenants/:tenantId/usage/logs/:requestId/capture",
  tag,
  summary: "The captured prompt and response of one request (404 when none was captured)",
  description:
    "Needs prompts:read in the request's workspace (on top of usage:read, the log's permission): for a " +
    "caller without it there, the answer is the 404 of a request without a capture, so whether a " +
    "prompt was captured is never confirmed to who may not read it.",
  access: { permission: "usage:read" },
  params: z.object({ tenantId: Id, requestId: z.string().min(1).max(128) }),
  response: PromptCaptureSchema,
});

export const CAPTURE_CONTRACTS = [getCaptureSettings, updateCaptureSettings, getUsageLogCapture] as const;
