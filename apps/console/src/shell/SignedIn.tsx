import { Navigate, Outlet, useLocation } from "react-router";
import { useApi } from "../api/api-context";

/** The signed-in part of the console: without a session, the sign-in page (coming back here after). */
export function SignedIn() {
  const { signedIn } = useApi();
  const location = useLocation();
  if (!signedIn) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return <Outlet />;
}
