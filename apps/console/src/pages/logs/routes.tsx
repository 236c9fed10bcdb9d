import type { RouteObject } from "react-router";

/** This group's pages under `/t/:tenantId/` (components loaded lazily with `lazy`). */
export const routes: RouteObject[] = [
  { path: "logs", lazy: async () => ({ Component: (await import("./LogsPage")).LogsPage }) },
  {
    path: "logs/:requestId",
    lazy: async () => ({ Component: (await import("./LogDetailPage")).LogDetailPage }),
  },
];
