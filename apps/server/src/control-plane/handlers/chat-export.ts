import { attachedFileNames } from "../../store/chat-library/attached-file-names.js";
import { toolCallsOf, toolResultCallId } from "../../store/chat-library/tool-calls-of.js";

/** What an export needs of a conversation and of a message. */
interface ExportConversation {
  id: string;
  title: string;
  model: string;
  createdAt: number;
}
interface ExportMessage {
  id: string;
  parentId: string | null;
  role: string;
  text: string;
  model: string | null;
  createdAt: number;
  parts?: readonly unknown[];
}

/**
 * A conversation as a file: Markdown holds the active branch (what the user reads), JSON the whole tree
 * (every branch, with parent ids) so nothing is lost. The filename is made of the title's safe characters.
 *
 * @example
 * exportConversation(conversation, branch, all, "markdown").content; // "# Trip\n\n**User**: …"
 */
export function exportConversation(
  conversation: ExportConversation,
  branch: readonly ExportMessage[],
  all: readonly ExportMessage[],
  format: "markdown" | "json",
): { filename: string; contentType: string; content: string } {
  const stem =
    conversation.title
      .replace(/[^\p{L}\p{N} _-]+/gu, "")
      .trim()
      .slice(0, 80) || "conversation";
  if (format === "json") {
    return {
      filename: `${stem}.json`,
      contentType: "application/json",
      content: JSON.stringify({ conversation, messages: all }, null, 2),
    };
  }
  const heading = `# ${conversation.title}\n\n_Model: ${conversation.model} · started ${new Date(conversation.createdAt).toISOString()}_\n`;
  const body = branch.map((m) => {
    const files = attachedFileNames(m.parts ?? []);
    const attached = files.length > 0 ? `\n_Attached: ${files.join(", ")}_\n` : "";
    const calls = toolCallsOf(m.parts ?? []).map(
      (c) => `\n_Calls \`${c.name}\` (${c.id}):_\n\n\`\`\`json\n${prettyJson(c.arguments)}\n\`\`\`\n`,
    );
    const answers = toolResultCallId(m.parts ?? []);
    const text = answers === undefined ? m.text : `_Result of ${answers}:_\n\n\`\`\`\n${m.text}\n\`\`\``;
    return `\n## ${roleName(m.role)}${m.model ? ` (${m.model})` : ""}\n\n${text}\n${calls.join("")}${attached}`;
  });
  return { filename: `${stem}.md`, contentType: "text/markdown", content: [heading, ...body].join("") };
}

function roleName(role: string): string {
  if (role === "tool") return "Tool result";
  return role === "user" ? "User" : role === "assistant" ? "Assistant" : "System";
}

/** Tool arguments indented when they are JSON (a model may write anything), else as they came. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
