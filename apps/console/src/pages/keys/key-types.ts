import type { OperationOutput } from "@gatehouse/sdk";

/** An API key as the API answers it (never its secret). */
export type ApiKey = OperationOutput<"keys.get">;
/** A key with its secret, answered once by create and rotate. */
export type IssuedKey = OperationOutput<"keys.create">;
