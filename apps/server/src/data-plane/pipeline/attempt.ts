/** One upstream attempt, kept in the usage record's attempt chain. */
export interface Attempt {
  /** The public model this attempt served: the requested one, or a fallback model. */
  model: string | undefined;
  provider: string;
  deployment: string;
  /** The upstream's HTTP status; null when no answer came (connection error, timeout, client gone). */
  status: number | null;
  /** Sent while every deployment the request could reach was blocked (breaker open or cooling down). */
  panic?: true;
  /** When the attempt was sent, in ms after the request arrived: the console draws the chain as a waterfall. */
  atMs: number;
  /** How long until the upstream's headers (or its failure), in ms. */
  ms: number;
  /** The failure's error code (e.g. `upstream_rate_limited`), when the attempt failed with one. */
  error?: string;
}
