import type { NewsStatus } from './news.svelte';

/** "12:04" today, "3 Dec 12:04" before (UTC, like the chart's axis). */
export function newsTime(timeMs: number, nowMs: number): string {
  const d = new Date(timeMs);
  const hm = d.toISOString().slice(11, 16);
  if (new Date(nowMs).toISOString().slice(0, 10) === d.toISOString().slice(0, 10)) return hm;
  return `${d.getUTCDate()} ${d.toLocaleString('en', { month: 'short', timeZone: 'UTC' })} ${hm}`;
}

const minutes = (ms: number) => (ms < 90_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

/** The source line of the news panel. */
export function statusText(status: NewsStatus, nowMs: number): string {
  switch (status.kind) {
    case 'no-token':
      return 'Add a Finnhub API token under ⚙ Settings for headlines.';
    case 'paused':
      return `Finnhub · ${status.why}`;
    case 'loading':
      return 'Finnhub · loading…';
    case 'ok':
      return `Finnhub · updated ${newsTime(status.atMs, nowMs)} UTC`;
    case 'limited':
      return `Finnhub rate limit reached · retrying in ${minutes(status.retryMs)}`;
    case 'error':
      return `Finnhub news unavailable (${status.detail}) · retrying in ${minutes(status.retryMs)}`;
  }
}

export const signedScore = (score: number) => `${score > 0 ? '+' : score < 0 ? '−' : ''}${Math.abs(score).toFixed(2)}`;
