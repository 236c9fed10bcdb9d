import { bedrockErrorResponse, encodeBedrockStreamError } from "./bedrock-fake-error.js";
import { bedrockReplyInput } from "./bedrock-reply-input.js";
import { encodeBedrockConverse, encodeBedrockConverseStream } from "./encode-bedrock-fake-response.js";
import type { FakeContext } from "./fake-context.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import type { FakeUpstreamOptions } from "./fake-upstream-options.js";
import { arrayField, asJsonObject } from "./json-object.js";
import { planFakeReply } from "./plan-fake-reply.js";
import { sendJson } from "./send-json.js";
import { sendStream } from "./send-stream.js";
import { hasSigV4Shape } from "./sigv4-authorization.js";

/** Options of the Bedrock fake. */
export interface FakeBedrockOptions extends FakeUpstreamOptions {
  /** Also accept Bedrock API keys (`Authorization: Bearer ...`) besides SigV4. Default false. */
  allowApiKeys?: boolean;
}

/**
 * Starts a fake Bedrock Runtime on 127.0.0.1 (ephemeral port); `url` is the origin (the runtime
 * endpoint). Routes: POST /model/{modelId}/converse (JSON) and /model/{modelId}/converse-stream
 * (application/vnd.amazon.eventstream frames); modelId is URL-encoded, as SDKs send it. Every request
 * needs a SigV4-shaped `Authorization` and `x-amz-date` (the signature itself is not checked): 403
 * MissingAuthenticationTokenException without Authorization, 403 IncompleteSignatureException when
 * malformed. Every response carries `x-amzn-requestid` ({@link fakeAwsRequestId}), the only id a Converse
 * answer has.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 *
 * @example
 * const fake = await startFakeBedrock();
 * // POST `${fake.url}/model/${encodeURIComponent("anthropic.claude-3-haiku-20240307-v1:0")}/converse-stream`
 */
export function startFakeBedrock(options: FakeBedrockOptions = {}): Promise<FakeServer> {
  return startFakeServer(
    {
      basePath: "",
      errorResponse: (status, message, details) =>
        bedrockErrorResponse(status, message, details["type"] as string | undefined),
      retryAfterHeader: false,
      requestIdHeader: "x-amzn-requestid",
      requestId: fakeAwsRequestId,
      handle: (ctx) => handleBedrock(ctx, options),
    },
    options,
  );
}

/**
 * The n-th request's `x-amzn-requestid`: a version-4-shaped UUID, as AWS sends, numbered so that tests
 * can predict it (`00000000-0000-4000-8000-000000000001` for the first).
 * @see https://http.dev/x-amzn-requestid
 */
export function fakeAwsRequestId(seq: number): string {
  return `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`;
}

const CONVERSE = /^\/model\/([^/]+)\/(converse|converse-stream)$/;

async function handleBedrock(ctx: FakeContext, options: FakeBedrockOptions): Promise<void> {
  if (!authorized(ctx, options)) return;
  const match = ctx.record.method === "POST" ? CONVERSE.exec(ctx.record.path) : null;
  if (match === null)
    return ctx.fail(404, `Unknown operation ${ctx.record.method} ${ctx.record.path}`, {
      type: "UnknownOperationException",
    });
  const body = asJsonObject(ctx.record.json);
  if (body === undefined) return ctx.fail(400, "Could not parse request body into json");
  if (arrayField(body, "messages").length === 0) {
    return ctx.fail(
      400,
      "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null",
    );
  }
  const plan = planFakeReply(bedrockReplyInput(body, ctx.control.chunks));
  const toolUseId = `tooluse_fake${String(ctx.seq).padStart(6, "0")}`;
  if (match[2] === "converse") return sendJson(ctx, 200, encodeBedrockConverse(plan, toolUseId));
  await sendStream(ctx, {
    headers: { "content-type": "application/vnd.amazon.eventstream" },
    events: encodeBedrockConverseStream(plan, toolUseId),
    errorEvent: encodeBedrockStreamError(),
  });
}

/** @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-auth-methods.html */
function authorized(ctx: FakeContext, options: FakeBedrockOptions): boolean {
  const { headers } = ctx.record;
  const auth = headers["authorization"];
  if (auth === undefined) {
    ctx.fail(403, "Missing Authentication Token", { type: "MissingAuthenticationTokenException" });
    return false;
  }
  if (options.allowApiKeys === true && /^Bearer \S+$/.test(auth)) return true;
  if (!hasSigV4Shape(headers)) {
    ctx.fail(
      403,
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters, and a matching X-Amz-Date header.",
      {
        type: "IncompleteSignatureException",
      },
    );
    return false;
  }
  return true;
}
