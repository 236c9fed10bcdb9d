import type { RouteObject } from "react-router";
import { RouteError } from "../../shell/RouteError";

/** The public page a share link opens (`/share/:token`): no sign-in. */
export const routes: RouteObject[] = [
  {
    path: "share/:token",
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import("./SharedConversationPage")).SharedConversationPage }),
  },
];
