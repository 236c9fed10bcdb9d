import { z } from "zod";

/** The most tools a preset may hold. */
export const CHAT_TOOLS_MAX = 32;
/** The largest tool list, in UTF-8 bytes of its JSON (schemas included). */
export const CHAT_TOOLS_MAX_BYTES = 64 * 1024;
/** A function name as OpenAI accepts it: letters, digits, underscores and dashes, at most 64. */
export const CHAT_TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * One function tool in OpenAI's Chat Completions shape: a name, an optional description, the arguments
 * as a JSON Schema object (`type: "object"` when given) and `strict` (structured outputs).
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 */
export const ChatToolSchema = z
  .object({
    type: z.literal("function"),
    function: z
      .object({
        name: z
          .string()
          .regex(CHAT_TOOL_NAME_PATTERN, "A tool name is 1–64 letters, digits, underscores or dashes."),
        description: z.string().max(4000).optional(),
        parameters: z
          .record(z.string(), z.unknown())
          .refine((s) => s["type"] === undefined || s["type"] === "object", {
            message: 'A tool\'s parameters are a JSON Schema object ({"type": "object", …}).',
          })
          .optional(),
        strict: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

export type ChatTool = z.infer<typeof ChatToolSchema>;

/** A preset's tools: at most {@link CHAT_TOOLS_MAX}, names unique, the list at most 64 KB of JSON. */
export const ChatToolsSchema = z
  .array(ChatToolSchema)
  .max(CHAT_TOOLS_MAX, `At most ${CHAT_TOOLS_MAX} tools.`)
  .superRefine((tools, ctx) => {
    const seen = new Set<string>();
    tools.forEach((tool, i) => {
      if (seen.has(tool.function.name)) {
        ctx.addIssue({
          code: "custom",
          path: [i, "function", "name"],
          message: `The tool name '${tool.function.name}' is used twice.`,
        });
      }
      seen.add(tool.function.name);
    });
    if (new TextEncoder().encode(JSON.stringify(tools)).length > CHAT_TOOLS_MAX_BYTES) {
      ctx.addIssue({
        code: "custom",
        message: `The tools take more than ${CHAT_TOOLS_MAX_BYTES / 1024} KB.`,
      });
    }
  });

/** A tool call an answer made: the call's id, the function's name, its arguments as the model wrote them (JSON text). */
export const ChatToolCallPartSchema = z.object({
  type: z.literal("tool_call"),
  id: z.string(),
  name: z.string(),
  arguments: z.string(),
});

export type ChatToolCallPart = z.infer<typeof ChatToolCallPartSchema>;

/** What a `tool` message answers: the id of the assistant's tool call (the result is the message's text). */
export const ChatToolResultPartSchema = z
  .object({
    type: z.literal("tool_result"),
    toolCallId: z.string().min(1).max(200),
  })
  .strict();

export type ChatToolResultPart = z.infer<typeof ChatToolResultPartSchema>;
