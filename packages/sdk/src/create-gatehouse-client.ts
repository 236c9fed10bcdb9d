import type { Contract } from "@gatehouse/contracts";
import { buildOperationRequest, type OperationRequest, trimSlash } from "./build-operation-request.js";
import { type ChatCompletions, createChatCompletions } from "./chat-completions.js";
import { errorFromAnswer, GatehouseApiError } from "./gatehouse-api-error.js";
import type {
  OperationArgs,
  OperationInput,
  OperationNamespaces,
  OperationOutput,
  PageItem,
  PaginatedOperationId,
} from "./operation-types.js";
import { OPERATIONS, type OperationId } from "./operations.js";
import { type CredentialOptions, createSessionCredential, type SessionTokens } from "./session-tokens.js";
import { createSseEventParser, type ServerSentEvent } from "./sse-event-parser.js";

/** How a client is made: where the server is, the credential, and optionally the fetch to use. */
export interface GatehouseClientOptions extends CredentialOptions {
  /** The server's origin, e.g. `https://gatehouse.example.com` (no `/api`). */
  baseUrl: string;
  /** A fetch implementation (the global one by default): a proxy agent, a test double, a polyfill. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request (a User-Agent, a tracing header). */
  headers?: Record<string, string>;
  /**
   * Wraps the token refresh: `refresh` asks the server. Several clients sharing one session (a browser's
   * tabs) serialize their refreshes here and adopt a pair another client already got, since a refresh
   * token is single use and reusing one ends the whole session.
   */
  refreshWith?: (
    refreshToken: string,
    refresh: (refreshToken: string) => Promise<SessionTokens>,
  ) => Promise<SessionTokens>;
}

/** A typed client of the control plane and the chat endpoint; see `createGatehouseClient`. */
export type GatehouseClient = OperationNamespaces & {
  readonly baseUrl: string;
  /** Calls an operation by its contract id; input and answer are typed from the contract. */
  call<Id extends OperationId>(id: Id, ...args: OperationArgs<Id>): Promise<OperationOutput<Id>>;
  /** Every item of a list operation, page after page, following `nextCursor`. */
  paginate<Id extends PaginatedOperationId>(id: Id, ...args: OperationArgs<Id>): AsyncIterable<PageItem<Id>>;
  /**
   * The events of a `text/event-stream` operation (`usage.live`) as they arrive, read with fetch (so the
   * bearer token is sent, which EventSource cannot do); it ends when the server ends the stream. Stop
   * with `break` or the input's `signal`. An error status throws GatehouseApiError before any event.
   */
  events<Id extends OperationId>(id: Id, ...args: OperationArgs<Id>): AsyncIterable<ServerSentEvent>;
  /** OpenAI-compatible chat: `chat.completions.create(...)` and `chat.completions.stream(...)`. */
  readonly chat: { readonly completions: ChatCompletions };
  /** The credential the client holds now (after refreshes): persist `refreshToken` to resume later. */
  tokens(): { accessToken?: string; refreshToken?: string; apiKey?: string };
};

/** The operations whose answer is a new session the client adopts. */
const SIGN_INS = new Set<string>(["auth.signUp", "auth.logIn", "auth.refresh", "invitations.accept"]);
/** The operations after which the client forgets its session. */
const SIGN_OUTS = new Set<string>(["auth.logOut", "auth.logOutEverywhere"]);
/** 401 codes an access-token refresh can cure (`token_expired` should the server ever split it out). */
const REFRESHABLE = new Set(["unauthenticated", "token_expired"]);
/** Names of the client's own members, which no contract resource may take. */
export const RESERVED_NAMES = ["baseUrl", "call", "paginate", "events", "chat", "tokens"] as const;
/** The media type of operations read with `events`, never with `call` (whose answer would never end). */
const EVENT_STREAM = "text/event-stream";

/**
 * A client for a Gatehouse server: every control-plane operation as `client.<resource>.<verb>(input)` and
 * `client.call(id, input)`, answers validated by the contracts' zod schemas, errors thrown as
 * GatehouseApiError, an access token refreshed once (for all concurrent calls) when it has expired, and
 * OpenAI-compatible chat with streaming. Uses only `fetch`: runs in Node 20+ and browsers.
 *
 * @example
 * const client = createGatehouseClient({ baseUrl: "http://localhost:8080" });
 * await client.auth.logIn({ body: { email: "admin@localhost", password } });
 * const { items } = await client.tenants.list();
 * for await (const key of client.paginate("keys.list", { params: { tenantId: items[0]!.id } })) console.log(key.name);
 */
export function createGatehouseClient(options: GatehouseClientOptions): GatehouseClient {
  const baseUrl = trimSlash(options.baseUrl);
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const credential = createSessionCredential(
    options,
    options.refreshWith === undefined ? refresh : (token) => options.refreshWith!(token, refresh),
  );

  async function refresh(refreshToken: string): Promise<SessionTokens> {
    const contract = OPERATIONS["auth.refresh"];
    const req = buildOperationRequest(contract, { body: { refreshToken } }, baseUrl);
    const res = await fetchImpl(req.url, {
      method: req.method,
      headers: withExtra(req.headers),
      body: req.body,
    });
    return (await readAnswer(contract, res)) as SessionTokens;
  }

  function withExtra(headers: Record<string, string>, authorization?: string): Record<string, string> {
    return { ...options.headers, ...headers, ...(authorization === undefined ? {} : { authorization }) };
  }

  /** Sends with the current credential; on a curable 401, refreshes (single flight) and sends once more. */
  async function send(req: OperationRequest, signal: AbortSignal | undefined): Promise<Response> {
    const once = (authorization: string | undefined) =>
      fetchImpl(req.url, {
        method: req.method,
        headers: withExtra(req.headers, authorization),
        // A redirecting operation (SSO start) answers where to go; following it would fetch the IdP's page.
        ...(req.redirects ? { redirect: "manual" as const } : {}),
        ...(req.body === undefined ? {} : { body: req.body }),
        ...(signal === undefined ? {} : { signal }),
      });
    const used = credential.authorization();
    const res = await once(used);
    // Also with no access token yet: a client resumed from a stored refresh token renews on first use.
    if (res.status !== 401 || !credential.canRefresh()) return res;
    const error = errorFromAnswer(res.status, res.headers, await res.text());
    if (!REFRESHABLE.has(error.code)) throw error;
    await credential.refreshAfter(used);
    return once(credential.authorization());
  }

  async function call(id: OperationId, input: OperationInput<OperationId> = {}): Promise<unknown> {
    const contract = OPERATIONS[id] as Contract;
    if (contract === undefined) throw new TypeError(`Unknown operation '${String(id)}'.`);
    if (contract.produces === EVENT_STREAM) {
      throw new TypeError(`${String(id)} is an event stream: read it with client.events('${String(id)}').`);
    }
    const req = buildOperationRequest(
      contract,
      input as Parameters<typeof buildOperationRequest>[1],
      baseUrl,
    );
    const answer = await readAnswer(contract, await send(req, input.signal));
    if (SIGN_INS.has(id)) await credential.adopt(answer as SessionTokens);
    if (SIGN_OUTS.has(id)) credential.clear();
    return answer;
  }

  async function* paginate(id: OperationId, input: OperationInput<OperationId> = {}): AsyncIterable<unknown> {
    let cursor = (input.query as { cursor?: string } | undefined)?.cursor;
    do {
      const query = { ...input.query, ...(cursor === undefined ? {} : { cursor }) };
      const page = (await call(id, { ...input, query } as OperationInput<OperationId>)) as {
        items: unknown[];
        nextCursor: string | null;
      };
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }

  async function* events(
    id: OperationId,
    input: OperationInput<OperationId> = {},
  ): AsyncIterable<ServerSentEvent> {
    const contract = OPERATIONS[id] as Contract;
    if (contract?.produces !== EVENT_STREAM) throw new TypeError(`${String(id)} is not an event stream.`);
    const req = buildOperationRequest(
      contract,
      input as Parameters<typeof buildOperationRequest>[1],
      baseUrl,
    );
    const res = await send(req, input.signal);
    if (!res.ok) throw errorFromAnswer(res.status, res.headers, await res.text());
    if (res.body === null) return;
    const parser = createSseEventParser();
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        yield* done ? parser.end() : parser.push(value);
        if (done) return;
      }
    } finally {
      // Finished, broken out of or aborted: release the connection.
      await reader.cancel().catch(() => undefined);
    }
  }

  const client: Record<string, unknown> = {
    baseUrl,
    call,
    paginate,
    events,
    chat: { completions: createChatCompletions({ baseUrl, send, headers: withExtra }) },
    tokens: () => credential.current(),
  };
  for (const id of Object.keys(OPERATIONS) as OperationId[]) {
    const [resource, verb] = id.split(".") as [string, string];
    client[resource] ??= {};
    const namespace = client[resource] as Record<string, unknown>;
    namespace[verb] = (input?: OperationInput<OperationId>) => call(id, input);
  }
  return client as GatehouseClient;
}

/**
 * An answer read as its contract says: an error status becomes a GatehouseApiError, 204 is `null`, a
 * text media type (CSV) is text, another one (PDF) bytes, and JSON must match the response schema.
 */
async function readAnswer(contract: Contract, res: Response): Promise<unknown> {
  // A binary export (a PDF) is bytes; every other non-JSON answer is text.
  if (res.ok && contract.produces !== undefined && !contract.produces.startsWith("text/")) {
    return readBytes(contract, res);
  }
  const text = await res.text();
  if (contract.status === 302 && res.status === 302) return { location: res.headers.get("location") ?? "" };
  if (!res.ok) throw errorFromAnswer(res.status, res.headers, text);
  let value: unknown = null;
  if (res.status !== 204 && contract.status !== 204) {
    if (contract.produces !== undefined) value = text;
    else {
      try {
        value = JSON.parse(text);
      } catch {
        throw new GatehouseApiError(
          res.status,
          "invalid_response",
          `${contract.id}: the answer is not JSON.`,
        );
      }
    }
  }
  const parsed = contract.response.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new GatehouseApiError(
      res.status,
      "invalid_response",
      `${contract.id}: unexpected answer (${where}).`,
    );
  }
  return parsed.data;
}

async function readBytes(contract: Contract, res: Response): Promise<Uint8Array> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (!contract.response.safeParse(bytes).success) {
    throw new GatehouseApiError(res.status, "invalid_response", `${contract.id}: unexpected answer.`);
  }
  return bytes;
}
