/** An `openai` provider that speaks the Responses API (`responsesApi: true`): requests go to it natively. */
export function nativeResponsesProvider(baseUrl: string, models: string[] = ["gpt-5"]) {
  return {
    name: "oai-responses",
    kind: "openai" as const,
    baseUrl,
    apiKey: "sk-native",
    config: { responsesApi: true },
    models,
  };
}
