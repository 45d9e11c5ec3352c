import type { AlertFiring, AlertPriority, AlertRule, RuleState } from '../../../core/alerts';
import { alertMessage } from '../../../core/alerts/channels/alert-message';
import { firingTarget } from '../../../core/alerts/channels/alert-target';
import type { AlertChannel } from '../../../core/alerts/channels/channel-config';
import type { Delivery } from '../../../core/alerts/channels/outbox';
import type { TapewatchDb } from '../../../data/db';
import type { AlertStorage, FiringRow } from './alert-ports';
import { playAlertTone } from './alert-sound';
import { ChannelDelivery } from './channel-delivery';
import {
  DEFAULT_PREFERENCES,
  loadChannels,
  loadOutbox,
  loadPreferences,
  saveChannels,
  saveOutbox,
  savePreferences,
  type AlertPreferences,
} from './channel-settings';
import {
  askNotificationPermission,
  notificationPermission,
  showFiring,
  type NotificationPermissionState,
} from './notifier';
import { connectNotifyRoute, type NotifyHandOver } from './notify-route';

/** Firings kept on screen (the store keeps more). */
const HISTORY_SHOWN = 500;
const TOASTS_SHOWN = 3;
const TOAST_MS = 8_000;

export interface AlertToast {
  readonly id: number;
  readonly firing: AlertFiring;
  readonly title: string;
  readonly body: string;
}

export interface FiringFilter {
  readonly ruleId: string;
  readonly instrument: string;
  readonly priority: AlertPriority | '';
  readonly unacknowledgedOnly: boolean;
}

export const NO_FILTER: FiringFilter = { ruleId: '', instrument: '', priority: '', unacknowledgedOnly: false };

/**
 * The alerts as the page sees them: rules and their state, the firing history, the channels and
 * their outbox, and delivery of new firings (notification, toast, tone, channels) — done only by
 * the tab that runs the feed, so several tabs deliver each firing once.
 */
export class AlertsState {
  rules = $state.raw<readonly AlertRule[]>([]);
  states = $state.raw<Readonly<Record<string, RuleState>>>({});
  history = $state.raw<readonly FiringRow[]>([]);
  channels = $state.raw<readonly AlertChannel[]>([]);
  outbox = $state.raw<readonly Delivery[]>([]);
  preferences = $state.raw<AlertPreferences>(DEFAULT_PREFERENCES);
  permission = $state<NotificationPermissionState>('default');
  toasts = $state.raw<readonly AlertToast[]>([]);
  filter = $state.raw<FiringFilter>(NO_FILTER);
  /** Why the last notification could not be shown, or null. */
  notifyProblem = $state<string | null>(null);
  /** Set when storage is open. */
  ready = $state(false);
  private db: TapewatchDb | null = null;
  private storage: AlertStorage | null = null;
  private delivery: ChannelDelivery | null = null;
  private delivering = false;
  /** Dedup keys already listed (bookkeeping, not shown: no reactivity wanted). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- never rendered
  private readonly seen = new Set<string>();
  private toastId = 0;

  constructor(
    /** Tells the feed worker the rules changed (it evaluates the stored ones). */
    private readonly rulesChanged: (rules: readonly AlertRule[]) => void = () => undefined,
    /** Hands the feed worker its line to the service worker (see `notify-route.ts`). */
    private readonly handOver: NotifyHandOver = async (port) => port?.close(),
  ) {}

  /** Whether the feed worker should send notifications itself: this tab delivers, and they are on. */
  private get routeWanted(): boolean {
    return this.delivering && this.preferences.notify && notificationPermission() === 'granted';
  }

  private routing: Promise<unknown> = Promise.resolve();

  /** (Re)connects the feed worker to the service worker, or disconnects it; one at a time. */
  reconnectRoute(): void {
    this.routing = this.routing.then(() => connectNotifyRoute(this.routeWanted, this.handOver)).catch(() => false);
  }

  async open(db: TapewatchDb, storage: AlertStorage): Promise<void> {
    this.db = db;
    this.storage = storage;
    this.permission = notificationPermission();
    const [rules, channels, prefs] = await Promise.all([storage.loadRules(), loadChannels(db), loadPreferences(db)]);
    this.rules = rules;
    this.channels = channels;
    this.preferences = prefs;
    this.delivery = new ChannelDelivery(
      { load: () => loadOutbox(db), save: (o) => saveOutbox(db, o) },
      () => this.channels,
      (o) => (this.outbox = o),
    );
    this.outbox = await loadOutbox(db);
    await this.refresh();
    this.ready = true;
    this.reconnectRoute();
  }

  /** Re-reads the history and rule states (another tab or the worker wrote them). */
  async refresh(): Promise<void> {
    if (this.storage === null) return;
    const [rows, states] = await Promise.all([this.storage.loadFirings(HISTORY_SHOWN), this.storage.loadStates()]);
    for (const r of rows) this.seen.add(r.firing.dedupKey);
    this.history = rows;
    this.states = Object.fromEntries(states.map((s) => [s.ruleId, s]));
  }

  /** This tab now runs the feed (true) or follows another tab (false). */
  setDelivering(delivering: boolean): void {
    if (delivering === this.delivering) return;
    this.delivering = delivering;
    if (delivering) void this.delivery?.start();
    else this.delivery?.stop();
    this.reconnectRoute();
  }

  /**
   * Firings of a feed batch. Every tab lists them; only the delivering tab notifies, toasts,
   * sounds and sends them to channels, and each at most once (by dedup key).
   */
  receive(firings: readonly AlertFiring[]): void {
    const fresh = firings.filter((f) => !this.seen.has(f.dedupKey));
    if (fresh.length === 0) return;
    for (const f of fresh) this.seen.add(f.dedupKey);
    const rows = fresh.map((firing) => ({ firing, acknowledgedAtMs: null })).reverse();
    this.history = [...rows, ...this.history].slice(0, HISTORY_SHOWN);
    // The worker stored them: read back their numbers (to acknowledge) and the rules' states.
    this.refreshSoon();
    if (!this.delivering) return;
    for (const f of fresh) this.deliver(f);
  }

  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  private refreshSoon(): void {
    if (this.refreshTimer !== null) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, 500);
  }

  private deliver(firing: AlertFiring): void {
    this.delivery?.add(firing);
    if (firing.quiet) return;
    this.toast(firing);
    if (this.preferences.sound) playAlertTone(firing.priority === 'critical');
    if (!this.preferences.notify) return;
    showFiring(firing, firingTarget(firing)).then(
      ({ outcome }) => {
        this.permission = notificationPermission();
        this.notifyProblem =
          outcome !== 'off' ? null : this.permission === 'granted' ? 'No service worker to show it' : null;
        // The feed worker's copy did not get there first (or was dropped): its line may be down.
        if (outcome === 'shown' && this.routeWanted) this.reconnectRoute();
      },
      (error: unknown) => (this.notifyProblem = error instanceof Error ? error.message : String(error)),
    );
  }

  private toast(firing: AlertFiring): void {
    const m = alertMessage(firing);
    const toast: AlertToast = { id: ++this.toastId, firing, title: m.title, body: m.body };
    this.toasts = [toast, ...this.toasts].slice(0, TOASTS_SHOWN);
    setTimeout(() => this.dismissToast(toast.id), TOAST_MS);
  }

  dismissToast(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** The firings the filter lets through. */
  get shown(): readonly FiringRow[] {
    const f = this.filter;
    return this.history.filter(
      (r) =>
        (f.ruleId === '' || r.firing.ruleId === f.ruleId) &&
        (f.instrument === '' || r.firing.instrument === f.instrument || r.firing.other === f.instrument) &&
        (f.priority === '' || r.firing.priority === f.priority) &&
        (!f.unacknowledgedOnly || r.acknowledgedAtMs === null),
    );
  }

  get unacknowledged(): number {
    return this.history.filter((r) => r.acknowledgedAtMs === null).length;
  }

  async acknowledge(keys: readonly string[]): Promise<void> {
    if (this.storage === null || keys.length === 0) return;
    const at = Date.now();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
    const set = new Set(keys);
    this.history = this.history.map((r) => (set.has(r.firing.dedupKey) ? { ...r, acknowledgedAtMs: at } : r));
    await this.storage.acknowledge(keys, at);
  }

  /**
   * Saves a rule (new or edited). The first rule asks for notification permission, from the
   * click that created it, so the prompt comes with its reason.
   */
  async saveRule(rule: AlertRule): Promise<void> {
    if (this.storage === null) return;
    if (this.preferences.notify) void this.requestPermission();
    await this.storage.putRule(rule);
    this.rules = [...this.rules.filter((r) => r.id !== rule.id), rule];
    this.rulesChanged(this.rules);
  }

  async setPaused(id: string, paused: boolean): Promise<void> {
    const rule = this.rules.find((r) => r.id === id);
    if (rule !== undefined) await this.saveRule({ ...rule, paused });
  }

  async deleteRule(id: string): Promise<void> {
    if (this.storage === null) return;
    await this.storage.deleteRule(id);
    this.rules = this.rules.filter((r) => r.id !== id);
    this.rulesChanged(this.rules);
  }

  async requestPermission(): Promise<void> {
    this.permission = await askNotificationPermission();
    this.reconnectRoute();
  }

  async setPreferences(prefs: AlertPreferences): Promise<void> {
    this.preferences = prefs;
    if (this.db !== null) await savePreferences(this.db, prefs);
    if (prefs.notify) await this.requestPermission();
    else this.reconnectRoute();
  }

  async saveChannels(channels: readonly AlertChannel[]): Promise<void> {
    this.channels = channels;
    if (this.db !== null) await saveChannels(this.db, channels);
  }

  retryDelivery(id: string): void {
    this.delivery?.retry(id);
  }

  /** A rule id not yet used: `price-2`. */
  freshId(prefix: string): string {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
    const used = new Set(this.rules.map((r) => r.id));
    for (let i = 1; ; i++) if (!used.has(`${prefix}-${i}`)) return `${prefix}-${i}`;
  }
}
