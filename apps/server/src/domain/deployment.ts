export interface Deployment {
  id: string;
  modelId: string;
  providerId: string;
  /** The model name sent upstream; `*` means "the part the model's wildcard matched". */
  upstreamModel: string;
  weight: number;
  priority: number;
  /** Requests per minute this deployment accepts (its provider quota); null = no known limit. */
  rpm: number | null;
  /** Tokens per minute this deployment accepts; null = no known limit. */
  tpm: number | null;
  /** Where the deployment runs (e.g. `eu-west-1`), for data-residency routing; null = unspecified. */
  region: string | null;
  createdAt: number;
}
