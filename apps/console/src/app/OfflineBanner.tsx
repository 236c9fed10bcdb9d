import { Alert } from "@mantine/core";
import { useNetwork } from "@mantine/hooks";
import { IconWifiOff } from "@tabler/icons-react";

/**
 * Says so while the browser is offline: the installed app still opens (its service worker serves the
 * page and its code), but nothing can be read or sent until the network is back.
 */
export function OfflineBanner() {
  const { online } = useNetwork();
  if (online) return null;
  return (
    <Alert
      data-testid="offline-banner"
      color="yellow"
      icon={<IconWifiOff size={16} />}
      radius={0}
      style={{ position: "fixed", bottom: 0, left: 0, right: 0, zIndex: 1000 }}
    >
      You are offline. Gatehouse needs the network to load your data and to answer; it reconnects by itself.
    </Alert>
  );
}
