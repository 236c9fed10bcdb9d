import type { IrChatRequest } from "@gatehouse/protocol";
import { estimateTokens } from "../../metering/estimate-tokens.js";
import { readClientBody } from "../client-body.js";
import type { DecodeInput, Operation, Surface } from "../operation.js";
import { promptCharsOf } from "../prompt-chars-of.js";
import { answerLocally } from "./answer-locally.js";

/** How one surface reads and answers a token count. */
export interface CountTokensCodec {
  decode(json: Record<string, unknown>, input: DecodeInput): IrChatRequest;
  encode(tokens: number): unknown;
}

/**
 * A token count (Anthropic's /v1/messages/count_tokens, Gemini's :countTokens), answered by the gateway:
 * an estimate that needs no provider call and works for every upstream. It runs the pipeline like every
 * operation — the key, the model's authorization and admission are checked — but never calls upstream,
 * so it leaves no usage record.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 * @see https://ai.google.dev/api/tokens#method:-models.counttokens
 */
export function countTokensOperation(surface: Surface, codec: CountTokensCodec): Operation<IrChatRequest> {
  return {
    name: "count_tokens",
    surface,
    readsBody: true,
    decode: (input) => {
      const body = readClientBody(input.body);
      const ir = codec.decode(body.json, input);
      return { model: ir.model, stream: false, gatehouseField: body.field, request: ir };
    },
    serve: async ({ scope, request, res }) =>
      answerLocally(res, scope.id, codec.encode(estimateTokens(promptCharsOf(request)))),
  };
}
