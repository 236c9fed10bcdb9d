import type { IrChatRequest, UnmodeledField } from "@gatehouse/protocol";
import type { ClientBody } from "../client-body.js";
import type { ResponsesTurn } from "../responses/responses-turn.js";

/** A decoded chat request: the IR for conversions, and the client's own body for same-protocol upstreams. */
export interface ChatRequest {
  ir: IrChatRequest;
  /** Parameters a conversion drops (named in x-gatehouse-warnings, or refused per the model's setting). */
  warnings: readonly string[];
  /** Features only a same-protocol upstream can serve: a conversion is not viable while any is set. */
  unmodeled: readonly UnmodeledField[];
  body: ClientBody;
  /** The Responses surface's id and storage of this answer (unset on other surfaces). */
  turn?: ResponsesTurn;
}
