import type { FeedHealth } from '../../../core/feed/feed-health';

/** What the health panel's Storage section says: a quota meter, or why there is none. */
export type StorageSummary =
  | { readonly kind: 'meter'; readonly usage: number; readonly quota: number; readonly high: boolean }
  | { readonly kind: 'no-estimate'; readonly text: string };

/** Above this share of the quota the meter turns to the warning colour. */
const HIGH_SHARE = 0.8;

export function storageSummary(health: Pick<FeedHealth, 'storage' | 'candlesWritten'>): StorageSummary {
  const s = health.storage;
  if (s !== null && s.quota > 0)
    return { kind: 'meter', usage: s.usage, quota: s.quota, high: s.usage / s.quota > HIGH_SHARE };
  // Some browsers (and private modes) give no estimate, or a zero quota: say so, never a blank heading.
  const written = health.candlesWritten;
  return {
    kind: 'no-estimate',
    text: `No quota estimate from this browser · ${written.toLocaleString('en-US')} bar${written === 1 ? '' : 's'} written this session`,
  };
}

export function bytes(n: number): string {
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
