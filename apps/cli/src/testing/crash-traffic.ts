/** One request of the traffic a crash interrupts, as its client saw it. */
export interface TrafficRequest {
  /** Unique text in the prompt, so the fake upstream's log tells which requests it served. */
  marker: string;
  stream: boolean;
  /** The gateway's request id, when its response headers arrived. */
  requestId: string | undefined;
  /** The client received the whole answer (a JSON body, or a stream through `[DONE]`). */
  complete: boolean;
}

/**
 * Sends chat requests (streamed and not, alternately) from `parallel` clients to a gateway until `stop`
 * resolves — a crash, typically — and returns what each client saw. Requests cut by the crash end as
 * incomplete; none throws.
 *
 * @example
 * const sent = sendTraffic(url, key, killed, 6);
 */
export async function sendTraffic(
  url: string,
  key: string,
  stop: Promise<unknown>,
  parallel: number,
): Promise<TrafficRequest[]> {
  const sent: TrafficRequest[] = [];
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  let n = 0;
  const client = async () => {
    while (!stopped) {
      const r: TrafficRequest = {
        marker: `crash-marker-${n++}`,
        stream: n % 2 === 0,
        requestId: undefined,
        complete: false,
      };
      sent.push(r);
      await sendOne(url, key, r);
    }
  };
  await Promise.all(Array.from({ length: parallel }, client));
  return sent;
}

async function sendOne(url: string, key: string, r: TrafficRequest): Promise<void> {
  try {
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "openai/gpt-4o-mini",
        stream: r.stream,
        messages: [{ role: "user", content: r.marker }],
      }),
    });
    r.requestId = res.headers.get("x-gatehouse-request-id") ?? undefined;
    const text = await res.text();
    r.complete = res.status === 200 && (!r.stream || text.includes("data: [DONE]"));
  } catch {
    // The gateway died under this request: it stays incomplete.
  }
}

/** The markers of the chat requests a fake upstream received (its recorded bodies). */
export function servedMarkers(requests: ReadonlyArray<{ path: string; json: unknown }>): Set<string> {
  const out = new Set<string>();
  for (const r of requests) {
    const content = (r.json as { messages?: Array<{ content?: unknown }> } | undefined)?.messages?.[0]
      ?.content;
    if (
      r.path.endsWith("/chat/completions") &&
      typeof content === "string" &&
      content.startsWith("crash-marker-")
    )
      out.add(content);
  }
  return out;
}
