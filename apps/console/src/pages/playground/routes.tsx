import type { RouteObject } from "react-router";

/** This group's pages under `/t/:tenantId/` (components loaded lazily with `lazy`). */
export const routes: RouteObject[] = [
  {
    path: "playground",
    lazy: async () => ({ Component: (await import("./PlaygroundPage")).PlaygroundPage }),
  },
];
