import { Badge } from "@mantine/core";
import type { ApiKey } from "./key-types";

const COLORS = { active: "green", revoked: "red", expired: "gray" } as const;

/** A key's status as a coloured badge. */
export function KeyStatusBadge({ status }: { status: ApiKey["status"] }) {
  return (
    <Badge color={COLORS[status]} variant="light">
      {status}
    </Badge>
  );
}
