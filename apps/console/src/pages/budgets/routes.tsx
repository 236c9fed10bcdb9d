import type { RouteObject } from "react-router";

/** This group's pages under `/t/:tenantId/` (components loaded lazily with `lazy`). */
export const routes: RouteObject[] = [
  { path: "budgets", lazy: async () => ({ Component: (await import("./BudgetsPage")).BudgetsPage }) },
];
