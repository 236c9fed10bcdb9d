import { createBrowserRouter, type RouteObject } from "react-router";
import { publicRoutes } from "../auth/routes";
import { routes as activity } from "../pages/activity/routes";
import { routes as audit } from "../pages/audit/routes";
import { routes as billing } from "../pages/billing/routes";
import { routes as budgets } from "../pages/budgets/routes";
import { routes as chat } from "../pages/chat/routes";
import { routes as presets } from "../pages/chat-presets/routes";
import { routes as keys } from "../pages/keys/routes";
import { routes as logs } from "../pages/logs/routes";
import { routes as models } from "../pages/models/routes";
import { routes as playground } from "../pages/playground/routes";
import { routes as providers } from "../pages/providers/routes";
import { routes as settings } from "../pages/settings/routes";
import { routes as share } from "../pages/share/routes";
import { routes as team } from "../pages/team/routes";
import { HomeRedirect } from "../shell/HomeRedirect";
import { NotFoundPage } from "../shell/NotFoundPage";
import { RouteError } from "../shell/RouteError";
import { PageLoader } from "../ui/PageLoader";

/** Every page of a tenant, under `/t/:tenantId/`; each group's components load lazily. */
export const tenantPages: RouteObject[] = [
  ...activity,
  ...logs,
  ...providers,
  ...models,
  ...keys,
  ...team,
  ...budgets,
  ...billing,
  ...audit,
  ...chat,
  ...playground,
  ...presets,
  ...settings,
];

/** The console's routes: the public pages (sign-in and the links emails carry), then the signed-in shell. */
export function createConsoleRouter() {
  return createBrowserRouter([
    {
      // While the first page's code loads (every page is its own chunk).
      hydrateFallbackElement: <PageLoader />,
      errorElement: <RouteError />,
      children: [...publicRoutes, ...share, signedIn],
    },
    { path: "*", element: <NotFoundPage /> },
  ]);
}

const signedIn: RouteObject = {
  errorElement: <RouteError />,
  lazy: async () => ({ Component: (await import("../shell/SignedIn")).SignedIn }),
  children: [
    { index: true, element: <HomeRedirect /> },
    // The installed app's start page (manifest.webmanifest): the chat of the tenant last used.
    { path: "chat", element: <HomeRedirect page="chat" /> },
    {
      path: "t/:tenantId",
      lazy: async () => ({ Component: (await import("../shell/ConsoleShell")).ConsoleShell }),
      errorElement: <RouteError />,
      children: [
        { index: true, element: <HomeRedirect /> },
        ...tenantPages,
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ],
};
