import type { RouteObject } from "react-router";

/** This group's pages under `/t/:tenantId/` (components loaded lazily with `lazy`). */
export const routes: RouteObject[] = [
  { path: "models", lazy: async () => ({ Component: (await import("./ModelsPage")).ModelsPage }) },
  {
    path: "models/:modelId",
    lazy: async () => ({ Component: (await import("./ModelDetailPage")).ModelDetailPage }),
  },
];
