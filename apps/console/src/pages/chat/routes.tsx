import type { RouteObject } from "react-router";

/**
 * This group's pages under `/t/:tenantId/` (components loaded lazily with `lazy`). One route with an
 * optional segment, so starting a chat (which moves to its URL) keeps the page and its stream.
 */
export const routes: RouteObject[] = [
  { path: "chat/:conversationId?", lazy: async () => ({ Component: (await import("./ChatPage")).ChatPage }) },
];
