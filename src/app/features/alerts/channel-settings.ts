import { destinationOrigin, isConfirmed, type AlertChannel } from '../../../core/alerts/channels/channel-config';
import type { Delivery } from '../../../core/alerts/channels/outbox';
import { isLoopbackHost, originOf } from '../../../core/feed/endpoint-policy';
import type { TapewatchDb } from '../../../data/db';
import { readSetting, writeSetting } from '../../../data/settings-store';
import { policyCovers } from '../../security/page-policy';

/** Channels (with the user's credentials) and their outbox live in this browser's settings only. */
const CHANNELS_KEY = 'alerts.channels';
const OUTBOX_KEY = 'alerts.outbox';
const PREFS_KEY = 'alerts.preferences';

export interface AlertPreferences {
  /** Play a tone on each firing that is not quiet. */
  readonly sound: boolean;
  /** Show a browser notification for each firing that is not quiet. */
  readonly notify: boolean;
}

export const DEFAULT_PREFERENCES: AlertPreferences = { sound: false, notify: true };

export async function loadChannels(db: TapewatchDb): Promise<AlertChannel[]> {
  const saved = await readSetting<unknown>(db, CHANNELS_KEY, []);
  return Array.isArray(saved) ? (saved as AlertChannel[]) : [];
}

export function saveChannels(db: TapewatchDb, channels: readonly AlertChannel[]): Promise<void> {
  return writeSetting(db, CHANNELS_KEY, channels);
}

export async function loadOutbox(db: TapewatchDb): Promise<Delivery[]> {
  const saved = await readSetting<unknown>(db, OUTBOX_KEY, []);
  return Array.isArray(saved) ? (saved as Delivery[]) : [];
}

export function saveOutbox(db: TapewatchDb, outbox: readonly Delivery[]): Promise<void> {
  return writeSetting(db, OUTBOX_KEY, outbox);
}

export async function loadPreferences(db: TapewatchDb): Promise<AlertPreferences> {
  return { ...DEFAULT_PREFERENCES, ...(await readSetting<Partial<AlertPreferences>>(db, PREFS_KEY, {})) };
}

export function savePreferences(db: TapewatchDb, prefs: AlertPreferences): Promise<void> {
  return writeSetting(db, PREFS_KEY, prefs);
}

/**
 * The origins of confirmed channels, for the page's connection policy at boot: a channel's host
 * is admitted only after the user confirmed it (and, as for endpoints, on the next load).
 */
export async function confirmedChannelOrigins(db: TapewatchDb): Promise<string[]> {
  const channels = await loadChannels(db);
  return channels.filter(isConfirmed).map((c) => c.confirmedOrigin);
}

/** Whether the page can reach a channel's host now (loopback is always admitted), else a reload is due. */
export function pageReaches(channel: AlertChannel): boolean {
  const origin = destinationOrigin(channel);
  if (origin === null) return false;
  const host = /^[a-z]+:\/\/(\[[^\]]*\]|[^:/]*)/.exec(originOf(origin) ?? '')?.[1] ?? '';
  return (isLoopbackHost(host) && !host.startsWith('[')) || policyCovers([origin]);
}
