export interface HttpResult {
  readonly status: number;
  /** The raw body text; parsers decide what it means. */
  readonly body: string;
}

/**
 * Simple GET (no custom headers: those trigger a CORS preflight venues refuse). Rejects with a
 * TypeError when the browser refuses it (CORS) or the network fails, like `fetch`.
 */
export type FetchText = (url: string) => Promise<HttpResult>;
