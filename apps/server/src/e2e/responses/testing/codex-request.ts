/**
 * A turn as the Codex CLI sends it (recorded from the documented protocol): instructions, a developer
 * message and the user's, the `shell` function tool, reasoning with its summary, `store: false` and the
 * encrypted reasoning asked back, a prompt cache key.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function codexRequest(model: string, promptCacheKey: string): Record<string, unknown> {
  return {
    model,
    instructions: "You are Codex, a coding agent.",
    input: [
      {
        type: "message",
        role: "developer",
        content: [{ type: "input_text", text: "Sandbox: read-only." }],
      },
      { type: "message", role: "user", content: [{ type: "input_text", text: "please call tool" }] },
    ],
    tools: [
      {
        type: "function",
        name: "shell",
        description: "Runs a shell command",
        strict: false,
        parameters: {
          type: "object",
          properties: { command: { type: "array", items: { type: "string" } } },
        },
      },
    ],
    tool_choice: "auto",
    parallel_tool_calls: false,
    reasoning: { effort: "medium", summary: "auto" },
    store: false,
    include: ["reasoning.encrypted_content"],
    prompt_cache_key: promptCacheKey,
  };
}
