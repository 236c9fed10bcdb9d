import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconCheck, IconCopy, IconTicket } from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatTime, formatUsd } from "../../ui/format";
import { PageLoader } from "../../ui/PageLoader";
import { parseUsd } from "../../ui/parse-usd";
import { useLocalCursorPage } from "./use-local-cursor-page";

/** The operator's redemption codes: create one (the code is shown once) and list them without codes. */
export function RedemptionCodesSection() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const pager = useLocalCursorPage();
  const [value, setValue] = useState("10");
  const [maxUses, setMaxUses] = useState<string | number>(1);
  const [expires, setExpires] = useState("");
  const [note, setNote] = useState("");
  const [created, setCreated] = useState<{ code: string; valueNano: number } | undefined>();
  const valueNano = parseUsd(value);
  const query = { limit: 20, ...(pager.cursor ? { cursor: pager.cursor } : {}) };
  const codes = useQuery({
    queryKey: ["billing.listCodes", query],
    queryFn: () => client.billing.listCodes({ query }),
    placeholderData: keepPreviousData,
  });
  const create = useMutation({
    mutationFn: () =>
      client.billing.createCode({
        body: {
          valueNano: valueNano ?? 0,
          maxUses: Number(maxUses) || 1,
          note: note.trim(),
          // The end of the chosen day, UTC.
          ...(expires ? { expiresAt: Date.parse(`${expires}T23:59:59.999Z`) } : {}),
        },
      }),
    onSuccess: async (answer) => {
      setCreated({ code: answer.code, valueNano: answer.valueNano });
      setNote("");
      await queryClient.invalidateQueries({ queryKey: ["billing.listCodes"] });
    },
  });
  const items = codes.data?.items ?? [];
  return (
    <section aria-labelledby="codes-title">
      <Title order={2} size="h4" id="codes-title" mb={4}>
        Redemption codes{" "}
        <Text span size="sm" c="dimmed">
          (operator)
        </Text>
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valueNano !== undefined && valueNano > 0) create.mutate();
        }}
      >
        <Group align="flex-end" mb="sm" wrap="wrap">
          <TextInput
            label="Value in USD"
            leftSection="$"
            w={140}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={valueNano === undefined || valueNano <= 0 ? "An amount above 0" : undefined}
          />
          <NumberInput
            label="Uses"
            w={100}
            min={1}
            allowDecimal={false}
            value={maxUses}
            onChange={setMaxUses}
          />
          <TextInput
            label="Expires (UTC)"
            type="date"
            w={170}
            value={expires}
            onChange={(e) => setExpires(e.currentTarget.value)}
          />
          <TextInput
            label="Note"
            w={220}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={200}
          />
          <Button type="submit" leftSection={<IconTicket size={16} />} loading={create.isPending}>
            Create code
          </Button>
        </Group>
      </form>
      <ErrorAlert error={create.error} mb="sm" />
      {created && (
        <Alert color="teal" title={`Code for ${formatUsd(created.valueNano)} — shown only now`} mb="sm">
          <Group gap="xs" wrap="nowrap">
            <Code block style={{ flex: 1 }} data-testid="new-redemption-code">
              {created.code}
            </Code>
            <CopyButton value={created.code}>
              {({ copied, copy }) => (
                <Button
                  size="xs"
                  variant="default"
                  onClick={copy}
                  leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                >
                  {copied ? "Copied" : "Copy code"}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <ErrorAlert error={codes.error} mb="sm" />
      {codes.isPending ? (
        <PageLoader label="Loading codes" />
      ) : items.length === 0 && !codes.error ? (
        <EmptyState title="No codes yet">
          Create a code above and give it to a customer to redeem for credit.
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="xs" aria-label="Redemption codes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Created</Table.Th>
                <Table.Th>Value</Table.Th>
                <Table.Th>Used</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatTime(c.createdAt)}</Table.Td>
                  <Table.Td>{formatUsd(c.valueNano)}</Table.Td>
                  <Table.Td>
                    {c.uses} of {c.maxUses}
                  </Table.Td>
                  <Table.Td>{c.expiresAt ? formatTime(c.expiresAt) : "never"}</Table.Td>
                  <Table.Td>{c.note || "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CursorPager pager={pager} nextCursor={codes.data?.nextCursor} loading={codes.isFetching} />
    </section>
  );
}
