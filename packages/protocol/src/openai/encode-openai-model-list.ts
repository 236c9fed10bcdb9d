/** A model as GET /v1/models lists it. */
export interface OpenAIModel {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
}

/**
 * The gateway's models → the answer of GET /v1/models.
 * @see https://platform.openai.com/docs/api-reference/models/list
 *
 * @example
 * encodeOpenAIModelList([{ id: "gpt-4o", created: 1715367049, ownedBy: "openai" }]);
 */
export function encodeOpenAIModelList(
  models: ReadonlyArray<{ id: string; created: number; ownedBy: string }>,
): {
  object: "list";
  data: OpenAIModel[];
} {
  return {
    object: "list",
    data: models.map((m) => ({ id: m.id, object: "model", created: m.created, owned_by: m.ownedBy })),
  };
}
