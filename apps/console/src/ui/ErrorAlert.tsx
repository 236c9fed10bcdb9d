import { GatehouseApiError } from "@gatehouse/sdk";
import { Alert, type AlertProps, List } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";

/**
 * An error shown in place (never a blank page): the server's message, each validation issue with its
 * field, and the request id to quote. Renders nothing without an error.
 */
export function ErrorAlert({
  error,
  title,
  ...props
}: { error: unknown; title?: string } & Omit<AlertProps, "title">) {
  if (error === null || error === undefined) return null;
  const api = error instanceof GatehouseApiError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const issues = api?.details.issues ?? [];
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      icon={<IconAlertTriangle size={18} />}
      title={title ?? titleOf(api)}
      {...props}
    >
      {message}
      {issues.length > 0 && (
        <List size="sm" mt={6}>
          {issues.map((i) => (
            <List.Item key={`${i.path}:${i.message}`}>
              {i.path ? `${i.path}: ` : ""}
              {i.message}
            </List.Item>
          ))}
        </List>
      )}
      {api?.details.requestId && (
        <div style={{ fontSize: "var(--mantine-font-size-xs)", opacity: 0.7, marginTop: 6 }}>
          Request id {api.details.requestId}
        </div>
      )}
    </Alert>
  );
}

function titleOf(api: GatehouseApiError | undefined): string {
  if (!api) return "Something went wrong";
  if (api.status === 403) return "Not allowed";
  if (api.status === 404) return "Not found";
  if (api.status === 0 || api.status >= 500) return "The server could not answer";
  return "Please check";
}
