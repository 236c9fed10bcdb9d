import { CHAT_IMPORT_MAX_CONVERSATIONS, CHAT_IMPORT_MAX_MESSAGES } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { ImportedConversation } from "../../store/chat-library/chat-import-repo.js";
import { decodeChatGptConversation, isChatGptConversation } from "./chat-import-chatgpt.js";
import { decodeGatehouseExport, isGatehouseExport } from "./chat-import-gatehouse.js";
import { decodeLibreChatExport, isLibreChatExport } from "./chat-import-librechat.js";

export type ChatImportFormat = "gatehouse" | "librechat" | "chatgpt";

const FORMATS: Record<
  ChatImportFormat,
  { is: (v: unknown) => boolean; decode: (c: Record<string, unknown>, now: number) => ImportedConversation }
> = {
  gatehouse: { is: isGatehouseExport, decode: decodeGatehouseExport },
  librechat: { is: isLibreChatExport, decode: decodeLibreChatExport },
  chatgpt: { is: isChatGptConversation, decode: decodeChatGptConversation },
};

/**
 * An export file (its parsed JSON) → the conversations to import. The file is one conversation or an
 * array of them (ChatGPT's conversations.json is an array); `auto` recognises each format by its fields
 * and every conversation of a file must be in the same one. Bounded: at most
 * CHAT_IMPORT_MAX_CONVERSATIONS conversations and CHAT_IMPORT_MAX_MESSAGES messages in all. Anything
 * else — an unknown shape, a mix, a broken tree — throws `invalid_request` naming the conversation.
 *
 * @example
 * parseChatImport(JSON.parse(conversationsJson), "auto", Date.now()); // { format: "chatgpt", conversations }
 */
export function parseChatImport(
  file: unknown,
  wanted: ChatImportFormat | "auto",
  now: number,
): { format: ChatImportFormat; conversations: ImportedConversation[] } {
  const items = Array.isArray(file) ? file : [file];
  if (items.length === 0) throw invalid("the file holds no conversation");
  if (items.length > CHAT_IMPORT_MAX_CONVERSATIONS) {
    throw invalid(
      `it holds ${items.length} conversations; at most ${CHAT_IMPORT_MAX_CONVERSATIONS} per import`,
    );
  }
  const format = wanted === "auto" ? detect(items[0]) : wanted;
  const conversations: ImportedConversation[] = [];
  let messages = 0;
  for (const [i, item] of items.entries()) {
    const where = items.length > 1 ? `conversation ${i + 1}: ` : "";
    if (!FORMATS[format].is(item)) throw invalid(`${where}it is not a ${NAMES[format]} conversation`);
    try {
      conversations.push(FORMATS[format].decode(item as Record<string, unknown>, now));
    } catch (err) {
      if (err instanceof GatewayError && where !== "") {
        throw new GatewayError("invalid_request", `${err.message} (${where.slice(0, -2)})`);
      }
      throw err;
    }
    messages += conversations.at(-1)!.messages.length;
    if (messages > CHAT_IMPORT_MAX_MESSAGES) {
      throw invalid(`it holds more than ${CHAT_IMPORT_MAX_MESSAGES} messages; split the file`);
    }
  }
  return { format, conversations };
}

const NAMES: Record<ChatImportFormat, string> = {
  gatehouse: "Gatehouse JSON export",
  librechat: "LibreChat export",
  chatgpt: "ChatGPT conversations.json",
};

function detect(first: unknown): ChatImportFormat {
  for (const format of ["gatehouse", "librechat", "chatgpt"] as const)
    if (FORMATS[format].is(first)) return format;
  throw invalid("it is not a Gatehouse JSON export, a LibreChat export or a ChatGPT conversations.json");
}

function invalid(why: string): GatewayError {
  return new GatewayError("invalid_request", `The file cannot be imported: ${why}.`);
}
