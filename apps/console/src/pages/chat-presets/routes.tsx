import type { RouteObject } from "react-router";

/** This group's pages under `/t/:tenantId/` (components loaded lazily with `lazy`). */
export const routes: RouteObject[] = [
  {
    path: "presets",
    lazy: async () => ({ Component: (await import("./PresetsPage")).PresetsPage }),
  },
];
