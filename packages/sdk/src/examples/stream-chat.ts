// Example: stream a chat answer through the gateway with an API key, stopping after 10 seconds.
// Run: GATEHOUSE_URL=http://localhost:8080 GATEHOUSE_API_KEY=gh_… node stream-chat.js
import { createGatehouseClient, GatehouseApiError } from "@gatehouse/sdk";

const client = createGatehouseClient({
  baseUrl: process.env.GATEHOUSE_URL ?? "http://localhost:8080",
  apiKey: process.env.GATEHOUSE_API_KEY ?? "",
});

try {
  const stream = client.chat.completions.stream(
    { model: "gpt-4o-mini", messages: [{ role: "user", content: "Write a haiku about gateways." }] },
    { signal: AbortSignal.timeout(10_000) },
  );
  for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? "");
  process.stdout.write("\n");
} catch (err) {
  // An HTTP error, or an error event in the middle of the stream (status 0).
  if (err instanceof GatehouseApiError) console.error(`${err.code}: ${err.message}`);
  else throw err;
}
