import type { IrChatRequest } from "./chat-request.js";
import type { UnmodeledField } from "./unmodeled-field.js";

/**
 * What a lenient client decoder returns: the IR request, the parameters dropped without changing the
 * question (`warnings`, prose naming the parameter first), and the valid features the IR cannot carry
 * (`unmodeled`, absent from `request`).
 */
export interface DecodedChatRequest {
  request: IrChatRequest;
  warnings: string[];
  unmodeled: UnmodeledField[];
}
