import type { RouteObject } from "react-router";

/** This group's pages under `/t/:tenantId/` (components loaded lazily with `lazy`). */
export const routes: RouteObject[] = [
  { path: "activity", lazy: async () => ({ Component: (await import("./ActivityPage")).ActivityPage }) },
];
