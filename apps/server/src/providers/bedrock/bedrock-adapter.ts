import {
  createBedrockStreamDecoder,
  decodeBedrockError,
  decodeBedrockResponse,
  encodeBedrockRequest,
  GatewayError,
} from "@gatehouse/protocol";
import type { ProviderAdapter, ResponseHeaders } from "../provider-adapter.js";
import type { UpstreamTarget } from "../upstream-target.js";
import { awsRequestId } from "./aws-request-id.js";
import { bedrockBaseUrl, bedrockRegion } from "./bedrock-region.js";
import { signAwsRequest } from "./sign-aws-request.js";

/** Converse or ConverseStream of a model: the model id (an ARN may hold `:` and `/`) is one path segment. */
function conversePath(target: UpstreamTarget, model: string, stream: boolean): string {
  return `${target.basePath}/model/${encodeURIComponent(model)}/${stream ? "converse-stream" : "converse"}`;
}

/**
 * The headers of one call: a Bedrock API key as a Bearer token when one is set, else a SigV4 signature
 * over this very path and body (service `bedrock`), so every request is signed anew.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
function callHeaders(
  target: UpstreamTarget,
  path: string,
  body: string,
  now: number,
): Record<string, string> {
  const { apiKey, accessKeyId, secretAccessKey, sessionToken } = target.credentials;
  if (apiKey) return { ...target.headers, authorization: `Bearer ${apiKey}` };
  if (!accessKeyId || !secretAccessKey) {
    throw new GatewayError(
      "upstream_error",
      `Provider '${target.name}' has no AWS credentials (an access key pair or a Bedrock API key).`,
      { provider: target.name },
    );
  }
  const signed = signAwsRequest({
    method: "POST",
    host: new URL(target.origin).host,
    path,
    headers: target.headers,
    body,
    region: bedrockRegion(target),
    service: "bedrock",
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    now,
  });
  return { ...target.headers, ...signed.headers };
}

/** The decoders' context: the answer's id from the response headers, when AWS sent one. */
function requestIdOf(headers: ResponseHeaders): { requestId?: string } {
  const requestId = awsRequestId(headers);
  return requestId === undefined ? {} : { requestId };
}

/**
 * AWS Bedrock Runtime, Converse API: POST {origin}/model/{modelId}/converse (JSON) or /converse-stream
 * (AWS event-stream framing), each request signed with SigV4 or carrying a Bedrock API key. Bedrock has
 * no client surface here, so there is no passthrough. Bedrock takes image bytes (or s3:// locations), so
 * http(s) image URLs are fetched by the gateway first (needsImageBytes). No static auth header: each call
 * is signed anew. A Converse answer has no id of its own: the call's `x-amzn-requestid` is used.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ImageBlock.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 */
export const bedrockAdapter: ProviderAdapter = {
  protocol: "bedrock",
  framing: "eventstream",
  needsImageBytes: true,
  staticHeaders: () => ({}),
  defaultBaseUrl: {
    setting: "a region (config.region)",
    resolve: (config) => (typeof config.region === "string" ? bedrockBaseUrl(config.region) : undefined),
  },
  chatRequest(ir, upstreamModel, target, now) {
    const { body, warnings } = encodeBedrockRequest(ir, upstreamModel);
    const path = conversePath(target, upstreamModel, ir.stream);
    const text = JSON.stringify(body);
    return { path, headers: callHeaders(target, path, text, now), body: text, warnings };
  },
  passthroughRequest() {
    throw new GatewayError("internal_error", "Bedrock has no client surface to pass through from.");
  },
  decodeResponse: (body, headers) => decodeBedrockResponse(body, requestIdOf(headers)),
  createStreamDecoder: (headers) => createBedrockStreamDecoder(requestIdOf(headers)),
  decodeError: (status, body, headers, now) => decodeBedrockError(status, body, headers, now),
};
