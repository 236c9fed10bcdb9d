import { GatewayError } from "@gatehouse/protocol";
import type { Model } from "../../domain/model.js";
import type { Operation, Surface } from "../operation.js";
import { answerLocally } from "./answer-locally.js";

/** Model names are short; a longer path is not a model of ours (answered before any lookup). */
const MAX_MODEL_NAME = 256;

/**
 * One model (GET /v1/models/{model} in OpenAI's or Anthropic's shape, GET /v1beta/models/{model} in
 * Gemini's): the pipeline's authorize step resolves the name (an alias or a wildcard match included) for
 * the caller's key, so a model the key may not use answers 404 exactly like one that does not exist.
 * The name is the rest of the path, so names with slashes (`openai/gpt-4o`) work.
 * @see https://platform.openai.com/docs/api-reference/models/retrieve
 * @see https://docs.anthropic.com/en/api/models
 * @see https://ai.google.dev/api/models#method:-models.get
 */
export function modelGetOperation(
  surface: Surface,
  encode: (model: Model, requestedName: string) => unknown,
): Operation<undefined> {
  return {
    name: "models",
    surface,
    readsBody: false,
    decode: ({ params }) => {
      const model = params["*"] ?? "";
      if (model === "" || model.length > MAX_MODEL_NAME) {
        throw new GatewayError("model_not_found", "Name a model: GET …/models/{model}.", { param: "model" });
      }
      return { model, stream: false, gatehouseField: undefined, request: undefined };
    },
    serve: async ({ scope, res }) => {
      const route = scope.route!;
      return answerLocally(res, scope.id, encode(route.model, route.requestedName));
    },
  };
}
