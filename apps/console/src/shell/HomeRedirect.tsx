import { Center, Loader } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Navigate, useParams } from "react-router";
import { useApi } from "../api/api-context";
import { ErrorAlert } from "../ui/ErrorAlert";
import { lastScope } from "./last-scope";

/**
 * `/` and `/t/:tenantId`: opens the tenant last used (if the user still belongs to it) or their first
 * one, on its Activity page; `/chat` (the installed app's start page) on its chat.
 */
export function HomeRedirect({ page = "activity" }: { page?: "activity" | "chat" }) {
  const { client } = useApi();
  const { tenantId } = useParams();
  const me = useQuery({ queryKey: ["auth.me"], queryFn: () => client.auth.me() });
  if (tenantId !== undefined) return <Navigate to={`/t/${tenantId}/${page}`} replace />;
  if (me.error) return <ErrorAlert error={me.error} m="xl" />;
  if (!me.data)
    return (
      <Center mih="60vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  const ids = me.data.memberships.map((m) => m.tenantId);
  const last = lastScope.tenant();
  const target = last !== undefined && ids.includes(last) ? last : ids[0];
  if (target === undefined) return <Navigate to="/sign-in" replace />;
  return <Navigate to={`/t/${target}/${page}`} replace />;
}
