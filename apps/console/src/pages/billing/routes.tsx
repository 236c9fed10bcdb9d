import type { RouteObject } from "react-router";

/** This group's pages under `/t/:tenantId/` (components loaded lazily with `lazy`). */
export const routes: RouteObject[] = [
  { path: "billing", lazy: async () => ({ Component: (await import("./BillingPage")).BillingPage }) },
];
