import type { IncomingHttpHeaders } from "node:http";
import {
  createFieldReader,
  createResponsesStreamEncoder,
  decodeResponsesRequestWithWarnings,
  emptyUsage,
  responsesSettingsOf,
} from "@gatehouse/protocol";
import type { GatewayRuntime } from "../../gateway-runtime.js";
import { authenticate } from "../../pipeline/authenticate.js";
import { authorize } from "../../pipeline/authorize.js";
import type { ClientResponse } from "../../pipeline/client-response.js";
import { responsesSurface } from "../responses-surface.js";

/**
 * A warm-up (`response.create` with `generate: false`): the request is checked as a real one would be —
 * the key, the body (its input may be empty), the model allowed for the key — but no model is called and
 * nothing is billed. The
 * answer is a response with no output (`response.created`, `response.in_progress`, `response.completed`,
 * usage zero), whose id the next turn may continue from with `previous_response_id`.
 * A bad request throws its GatewayError, answered as an error event by the caller.
 * @see https://platform.openai.com/docs/guides/websocket-mode
 */
export async function answerWarmUp(
  rt: GatewayRuntime,
  client: { headers: IncomingHttpHeaders; ip: string },
  json: Record<string, unknown>,
  res: ClientResponse,
): Promise<void> {
  const principal = await authenticate(rt.keys, responsesSurface.credential(client.headers, {}), client.ip);
  // A warm-up may come before there is any input (a client warming up with its instructions and tools
  // at startup): the input a real turn needs is not asked of it, everything else is checked.
  const empty =
    json.input === undefined || json.input === "" || (Array.isArray(json.input) && json.input.length === 0);
  const { request } = decodeResponsesRequestWithWarnings(empty ? { ...json, input: "warm-up" } : json);
  authorize(rt.catalog, principal, request.model);
  const settings = responsesSettingsOf(json, createFieldReader("invalid_request"));
  const encoder = createResponsesStreamEncoder({ model: request.model, settings });
  const created = Math.floor(rt.now() / 1000);
  let events = encoder.push({ type: "start", id: rt.newId(), model: request.model, created });
  events += encoder.push({ type: "usage", usage: emptyUsage() });
  events += encoder.push({ type: "finish", reason: "stop" });
  events += encoder.push({ type: "end" });
  res.writeHead(200);
  res.end(events);
}
