import { chatRequestBody, type PlaygroundMessage, type PlaygroundSettings } from "./playground-request";
import { responsesRequestBody } from "./responses-request";

/** Where the key goes in every snippet: a placeholder, never a real secret. */
export const KEY_PLACEHOLDER = "$GATEHOUSE_API_KEY";

export interface Snippet {
  id: string;
  label: string;
  language: string;
  code: string;
}

/**
 * The current request as code against this gateway: curl and the OpenAI SDKs call /v1/chat/completions
 * (`client.chat.completions.create`) or, with the Responses API chosen, /v1/responses
 * (`client.responses.create`); the Anthropic SDK /v1/messages, the Gemini SDK
 * /v1beta/models/{m}:generateContent (Gatehouse speaks them all). The key is read from the environment
 * variable GATEHOUSE_API_KEY.
 */
export function codeSnippets(
  origin: string,
  model: string,
  settings: PlaygroundSettings,
  messages: readonly PlaygroundMessage[],
): Snippet[] {
  const body = chatRequestBody(model, settings, messages, false);
  const chat = (body.messages as { role: string; content: unknown }[]).filter((m) => m.role !== "system");
  const openai = openAICalls(settings.api === "responses", body, model, settings, messages);
  const json = JSON.stringify(openai.body, null, 2);
  const system = settings.system.trim();
  const maxTokens = settings.maxTokens === "" ? 1024 : settings.maxTokens;
  const py = (v: unknown) => toPython(JSON.stringify(v, null, 4));
  return [
    {
      id: "curl",
      label: "curl",
      language: "bash",
      code: [
        `curl ${origin}${openai.path} \\`,
        `  -H "Authorization: Bearer ${KEY_PLACEHOLDER}" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -d '${json.replaceAll("'", "'\\''")}'`,
      ].join("\n"),
    },
    {
      id: "openai-python",
      label: "OpenAI Python",
      language: "python",
      code: [
        "import os",
        "from openai import OpenAI",
        "",
        `client = OpenAI(base_url="${origin}/v1", api_key=os.environ["GATEHOUSE_API_KEY"])`,
        `${openai.result} = client.${openai.method}(**${indentTail(py(openai.body))})`,
        `print(${openai.python})`,
      ].join("\n"),
    },
    {
      id: "openai-js",
      label: "OpenAI JS",
      language: "javascript",
      code: [
        'import OpenAI from "openai";',
        "",
        `const client = new OpenAI({ baseURL: "${origin}/v1", apiKey: process.env.GATEHOUSE_API_KEY });`,
        `const ${openai.result} = await client.${openai.method}(${json});`,
        `console.log(${openai.js});`,
      ].join("\n"),
    },
    {
      id: "anthropic",
      label: "Anthropic Python",
      language: "python",
      code: [
        "import os",
        "import anthropic",
        "",
        `client = anthropic.Anthropic(base_url="${origin}", api_key=os.environ["GATEHOUSE_API_KEY"])`,
        "message = client.messages.create(",
        `    model=${JSON.stringify(model)},`,
        `    max_tokens=${maxTokens},`,
        ...(system ? [`    system=${JSON.stringify(system)},`] : []),
        `    messages=${indentTail(py(chat))},`,
        ")",
        "print(message.content[0].text)",
      ].join("\n"),
    },
    {
      id: "gemini",
      label: "Gemini Python",
      language: "python",
      code: [
        "import os",
        "from google import genai",
        "from google.genai import types",
        "",
        "client = genai.Client(",
        '    api_key=os.environ["GATEHOUSE_API_KEY"],',
        `    http_options=types.HttpOptions(base_url="${origin}"),`,
        ")",
        "response = client.models.generate_content(",
        `    model=${JSON.stringify(model)},`,
        `    contents=${indentTail(py(chat.map((m) => ({ role: m.role === "assistant" ? "model" : "user", parts: [{ text: String(m.content ?? "") }] }))))},`,
        ...(system
          ? [`    config=types.GenerateContentConfig(system_instruction=${JSON.stringify(system)}),`]
          : []),
        ")",
        "print(response.text)",
      ].join("\n"),
    },
  ];
}

/** The OpenAI SDK call of the chosen API: its path, method, body, and how its text is read. */
function openAICalls(
  responses: boolean,
  chatBody: Record<string, unknown>,
  model: string,
  settings: PlaygroundSettings,
  messages: readonly PlaygroundMessage[],
) {
  if (responses) {
    return {
      path: "/v1/responses",
      method: "responses.create",
      body: responsesRequestBody(model, settings, messages, false),
      result: "response",
      python: "response.output_text",
      js: "response.output_text",
    };
  }
  return {
    path: "/v1/chat/completions",
    method: "chat.completions.create",
    body: chatBody,
    result: "completion",
    python: "completion.choices[0].message.content",
    js: "completion.choices[0].message.content",
  };
}

/** JSON text as a Python literal (true/false/null spelled the Python way, outside strings). */
function toPython(json: string): string {
  return json.replace(/("(?:[^"\\]|\\.)*")|\btrue\b|\bfalse\b|\bnull\b/g, (m, str: string | undefined) => {
    if (str !== undefined) return str;
    return m === "true" ? "True" : m === "false" ? "False" : "None";
  });
}

/** Lines after the first indented by four spaces, to sit inside a call. */
function indentTail(text: string): string {
  return text.replaceAll("\n", "\n    ");
}
