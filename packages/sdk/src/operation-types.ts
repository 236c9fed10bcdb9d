import type { Body, Contract, Params, ParsedQuery, Query, Result } from "@gatehouse/contracts";
import type { OperationId, Operations } from "./operations.js";

/** Per-call options every operation accepts. */
export interface CallOptions {
  /** Sent as `Idempotency-Key` on operations that accept one; generated when omitted. */
  idempotencyKey?: string;
  /** Aborts the request. */
  signal?: AbortSignal;
}

/** The empty object type: `Empty extends T` when every field of T is optional. */
type Empty = Record<never, never>;

// An operation without path params has a strict empty object schema: `Record<string, never>`.
type ParamsPart<P> = string extends keyof P
  ? { params?: Record<string, never> }
  : [keyof P] extends [never]
    ? { params?: Record<string, never> }
    : { params: P };
// A field the server coerces from text (`limit`) has input `unknown`: typed by what it parses to instead.
type QueryFields<Q, Parsed> = { [K in keyof Q]: unknown extends Q[K] ? Parsed[K & keyof Parsed] : Q[K] };
type QueryPart<Q> = Empty extends Q ? { query?: Q } : { query: Q };
// An operation without a body has `z.ZodType` as its body schema, whose input is `unknown`.
type BodyPart<B> = unknown extends B ? { body?: undefined } : Empty extends B ? { body?: B } : { body: B };
/** The bytes of an upload (an operation whose contract has a `rawBodyType`), sent as they are. */
export type UploadBody = Blob | Uint8Array | ArrayBuffer | string;
// An upload's body is the file itself, whatever its contract's (absent) JSON schema says.
type BodyOf<C extends Contract> = C extends { rawBodyType: string }
  ? { body: UploadBody }
  : BodyPart<Body<C>>;

/**
 * What `call(id, input)` takes for an operation: its path `params`, `query` and `body`, each required
 * exactly when the contract has a required field in it, typed by the contract's zod schemas.
 */
export type OperationInput<Id extends OperationId> = ParamsPart<Params<Operations[Id]>> &
  QueryPart<QueryFields<Query<Operations[Id]>, ParsedQuery<Operations[Id]>>> &
  BodyOf<Operations[Id]> &
  CallOptions;

/** What an operation answers, as its contract's response schema parses it (`null` for a 204). */
export type OperationOutput<Id extends OperationId> = Result<Operations[Id]>;

/** The arguments of an operation's method: the input is optional when nothing in it is required. */
export type OperationArgs<Id extends OperationId> =
  Empty extends OperationInput<Id> ? [input?: OperationInput<Id>] : [input: OperationInput<Id>];

/** The ids of the operations that answer a page (`{ items, nextCursor }`), for `paginate`. */
export type PaginatedOperationId = {
  [Id in OperationId]: OperationOutput<Id> extends { items: unknown[]; nextCursor: string | null }
    ? Id
    : never;
}[OperationId];

/** The item type of a paginated operation. */
export type PageItem<Id extends PaginatedOperationId> =
  OperationOutput<Id> extends { items: Array<infer T> } ? T : never;

type ResourceOf<Id> = Id extends `${infer R}.${string}` ? R : never;
type VerbOf<Id, R extends string> = Id extends `${R}.${infer V}` ? V : never;

/** The namespaced surface: `client.keys.create(input)` is `client.call("keys.create", input)`. */
export type OperationNamespaces = {
  [R in ResourceOf<OperationId>]: {
    [V in VerbOf<OperationId, R>]: OperationMethod<`${R}.${V}`>;
  };
};

/** The method of one operation. */
export type OperationMethod<Id> = Id extends OperationId
  ? (...args: OperationArgs<Id>) => Promise<OperationOutput<Id>>
  : never;
