export type { ChatCallOptions, ChatCompletions } from "./chat-completions.js";
export type * from "./chat-types.js";
export {
  createGatehouseClient,
  type GatehouseClient,
  type GatehouseClientOptions,
} from "./create-gatehouse-client.js";
export { type ApiErrorDetails, type ApiIssue, GatehouseApiError } from "./gatehouse-api-error.js";
export type * from "./operation-types.js";
export { OPERATIONS, type OperationId, type Operations } from "./operations.js";
export type { CredentialOptions, SessionTokens } from "./session-tokens.js";
export { createSseEventParser, type ServerSentEvent } from "./sse-event-parser.js";
