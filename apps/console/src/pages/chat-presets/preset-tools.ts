import { type ChatTool, ChatToolsSchema } from "@gatehouse/contracts";

/** A function tool to start from ("Add example"): OpenAI's Chat Completions shape. */
export const EXAMPLE_TOOL: ChatTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "The current weather in a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string", description: "The city, e.g. Lisbon" } },
      required: ["city"],
    },
  },
};

/**
 * The tools JSON of the preset form, checked as the API checks it (ChatToolsSchema): the tools, or the
 * first problem in words with where it is ("Tool 2, function.name: …"). Empty text is no tools.
 *
 * @example
 * parsePresetTools('[{"type":"function","function":{"name":"now"}}]'); // { tools: [...] }
 */
export function parsePresetTools(text: string): { tools: ChatTool[] } | { error: string } {
  if (text.trim() === "") return { tools: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `Not valid JSON: ${(e as Error).message}` };
  }
  if (!Array.isArray(value)) return { error: 'Tools are a JSON array: [ { "type": "function", … } ].' };
  const parsed = ChatToolsSchema.safeParse(value);
  if (parsed.success) return { tools: parsed.data };
  const issue = parsed.error.issues[0]!;
  const [index, ...rest] = issue.path;
  const where =
    typeof index === "number" ? `Tool ${index + 1}${rest.length > 0 ? `, ${rest.join(".")}` : ""}: ` : "";
  return { error: `${where}${issue.message}` };
}

/** The text the editor starts with: the tools indented, or empty for none. */
export function toolsText(tools: readonly ChatTool[]): string {
  return tools.length === 0 ? "" : JSON.stringify(tools, null, 2);
}

/** The text with the example tool added (its name numbered when taken); the text itself when it is not a list. */
export function withExampleTool(text: string): string {
  const current = parsePresetTools(text);
  let list: unknown[] = [];
  if ("tools" in current) list = current.tools;
  else {
    try {
      const value: unknown = JSON.parse(text);
      if (!Array.isArray(value)) return text;
      list = value;
    } catch {
      return text;
    }
  }
  const names = new Set(list.map((t) => (t as { function?: { name?: unknown } })?.function?.name));
  let name = EXAMPLE_TOOL.function.name;
  for (let i = 2; names.has(name); i++) name = `${EXAMPLE_TOOL.function.name}_${i}`;
  return JSON.stringify(
    [...list, { ...EXAMPLE_TOOL, function: { ...EXAMPLE_TOOL.function, name } }],
    null,
    2,
  );
}

/** How a preset's tools read on its card: "2 tools: get_weather, now"; "" for none. */
export function toolsSummary(tools: readonly { function: { name: string } }[]): string {
  if (tools.length === 0) return "";
  const names = tools.slice(0, 4).map((t) => t.function.name);
  const more = tools.length > 4 ? ", …" : "";
  return `${tools.length} tool${tools.length === 1 ? "" : "s"}: ${names.join(", ")}${more}`;
}
