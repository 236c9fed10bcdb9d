import type { RouteObject } from "react-router";
import { RouteError } from "../shell/RouteError";

/** Pages anyone may open: sign-in, sign-up, and the pages the emailed and SSO links land on. */
export const publicRoutes: RouteObject[] = [
  {
    path: "sign-in",
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import("./SignInPage")).SignInPage }),
  },
  {
    path: "sign-up",
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import("./SignUpPage")).SignUpPage }),
  },
  {
    path: "accept-invitation",
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import("./AcceptInvitationPage")).AcceptInvitationPage }),
  },
  {
    path: "reset-password",
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import("./ResetPasswordPage")).ResetPasswordPage }),
  },
  {
    path: "verify-email",
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import("./VerifyEmailPage")).VerifyEmailPage }),
  },
  {
    path: "sso/complete",
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import("./SsoCompletePage")).SsoCompletePage }),
  },
];
