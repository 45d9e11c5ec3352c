import type { FeedBatch } from './feed-ports';

/**
 * The BroadcastChannel on which the leading tab's feed worker sends every batch to the tabs that
 * follow it. The worker posts it, not the leader's page: cloning each batch for other tabs then
 * costs the worker's thread, never the page's main thread, and only follower pages subscribe.
 */
export const FEED_BATCH_CHANNEL = 'tapewatch-feed-batches';

/** A batch as follower tabs get it: analytics belong to each tab's own view. */
export type SharedBatch = Omit<FeedBatch, 'analytics'>;

/** The part of `batch` other tabs may use. */
export function sharedBatch(batch: FeedBatch): SharedBatch {
  const { analytics: _mine, ...shared } = batch;
  return shared;
}
