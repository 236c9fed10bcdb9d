/**
 * Export files as the three products write them, reduced to the fields they hold (shapes checked against
 * the published descriptions: ChatGPT's data export `conversations.json`, LibreChat's JSON export).
 */

/** ChatGPT `conversations.json`: an empty root, a hidden system prompt, a regenerated answer, a tool call. */
export const CHATGPT_EXPORT = [
  {
    title: "Trip to Lisbon",
    create_time: 1_714_557_600.123,
    update_time: 1_714_557_900.5,
    default_model_slug: "gpt-4o",
    current_node: "a2",
    conversation_id: "6a1f0d2e-0000-4000-8000-000000000001",
    id: "6a1f0d2e-0000-4000-8000-000000000001",
    mapping: {
      root: { id: "root", message: null, parent: null, children: ["sys"] },
      sys: {
        id: "sys",
        parent: "root",
        children: ["u1"],
        message: {
          id: "sys",
          author: { role: "system", name: null, metadata: {} },
          create_time: null,
          content: { content_type: "text", parts: [""] },
          metadata: { is_visually_hidden_from_conversation: true },
          recipient: "all",
        },
      },
      u1: {
        id: "u1",
        parent: "sys",
        children: ["a1", "call"],
        message: {
          id: "u1",
          author: { role: "user", name: null, metadata: {} },
          create_time: 1_714_557_601.5,
          content: { content_type: "text", parts: ["Where should I eat in Lisbon?"] },
          metadata: {},
          recipient: "all",
        },
      },
      a1: {
        id: "a1",
        parent: "u1",
        children: [],
        message: {
          id: "a1",
          author: { role: "assistant", name: null, metadata: {} },
          create_time: 1_714_557_610,
          content: { content_type: "text", parts: ["Try **Time Out Market**."] },
          metadata: { model_slug: "gpt-4o" },
          recipient: "all",
        },
      },
      call: {
        id: "call",
        parent: "u1",
        children: ["tool"],
        message: {
          id: "call",
          author: { role: "assistant", name: null, metadata: {} },
          create_time: 1_714_557_620,
          content: { content_type: "code", language: "unknown", text: 'search("Lisbon food")' },
          metadata: { model_slug: "gpt-4o" },
          recipient: "browser",
        },
      },
      tool: {
        id: "tool",
        parent: "call",
        children: ["a2"],
        message: {
          id: "tool",
          author: { role: "tool", name: "browser", metadata: {} },
          create_time: 1_714_557_625,
          content: { content_type: "tether_quote", text: "search results" },
          metadata: {},
          recipient: "all",
        },
      },
      a2: {
        id: "a2",
        parent: "tool",
        children: [],
        message: {
          id: "a2",
          author: { role: "assistant", name: null, metadata: {} },
          create_time: 1_714_557_630,
          content: {
            content_type: "multimodal_text",
            parts: ["Cervejaria Ramiro", { asset_pointer: "file-x" }],
          },
          metadata: { model_slug: "gpt-4o" },
          recipient: "all",
        },
      },
    },
  },
];

const NO_PARENT = "00000000-0000-0000-0000-000000000000";

/** LibreChat's JSON export, flat (`recursive: false`): a first question answered twice (a branch). */
export const LIBRECHAT_EXPORT = {
  conversationId: "9e3c5a10-0000-4000-8000-000000000002",
  endpoint: "openAI",
  title: "Haiku",
  exportAt: "14:03:11 GMT+0000",
  branches: true,
  recursive: false,
  options: { endpoint: "openAI", model: "gpt-4o-mini" },
  messages: [
    {
      messageId: "m1",
      parentMessageId: NO_PARENT,
      conversationId: "9e3c5a10-0000-4000-8000-000000000002",
      sender: "User",
      text: "Write a haiku about tea",
      isCreatedByUser: true,
      createdAt: "2024-05-01T10:00:00.000Z",
    },
    {
      messageId: "m2",
      parentMessageId: "m1",
      sender: "GPT-4o-mini",
      text: "Steam curls from the cup",
      isCreatedByUser: false,
      model: "gpt-4o-mini",
      createdAt: "2024-05-01T10:00:05.000Z",
    },
    {
      messageId: "m3",
      parentMessageId: "m1",
      sender: "GPT-4o-mini",
      text: "",
      content: [{ type: "text", text: "Green leaves unfolding" }],
      isCreatedByUser: false,
      model: "gpt-4o-mini",
      createdAt: "2024-05-01T10:01:00.000Z",
    },
  ],
};

/** The same conversation as LibreChat's "recursive" export: replies nested in `children`. */
export const LIBRECHAT_RECURSIVE_EXPORT = {
  ...LIBRECHAT_EXPORT,
  recursive: true,
  messages: [
    {
      ...LIBRECHAT_EXPORT.messages[0],
      children: [
        { ...LIBRECHAT_EXPORT.messages[1], children: [] },
        { ...LIBRECHAT_EXPORT.messages[2], children: [] },
      ],
    },
  ],
};
