import type { OperationOutput } from "@gatehouse/sdk";
import { Paper, Skeleton, Table, Text, Title } from "@mantine/core";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatCount, formatUsd } from "../../ui/format";

type Top = OperationOutput<"usage.top">;

/** One "top N by spend" table: the group's name, its requests and spend in the range. */
export function TopSpenders({
  title,
  data,
  error,
  label,
}: {
  title: string;
  data: Top | undefined;
  error: unknown;
  label: (group: string | null) => string;
}) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      <ErrorAlert error={error} />
      {data === undefined && !error && <Skeleton h={120} />}
      {data !== undefined && data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing in this range.
        </Text>
      )}
      {data !== undefined && data.items.length > 0 && (
        <Table.ScrollContainer minWidth={240}>
          <Table fz="sm" verticalSpacing={4} aria-label={title} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th ta="right" w={80}>
                  Requests
                </Table.Th>
                <Table.Th ta="right" w={96}>
                  Spend
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((i) => (
                <Table.Tr key={i.group ?? ""}>
                  <Table.Td
                    maw={180}
                    style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
                  >
                    {label(i.group)}
                  </Table.Td>
                  <Table.Td ta="right">{formatCount(i.requests)}</Table.Td>
                  <Table.Td ta="right">{formatUsd(i.costNano)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
