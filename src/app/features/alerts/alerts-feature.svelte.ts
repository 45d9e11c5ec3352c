import type { AlertFiring, AlertRule } from '../../../core/alerts';
import { divergencePreset } from '../../../core/alerts/presets';
import type { TimeframeId } from '../../../core/candles/timeframe';
import type { FeedBatch } from '../../../core/feed/feed-controller';
import type { TapewatchDb } from '../../../data/db';
import type { IndicatorOnChart } from '../indicators/indicator-list';
import { specOf } from '../indicators/indicator-list';
import type { AlertStorage, AlertTab } from './alert-ports';
import { AlertDesk, type DeskControls } from './alert-desk.svelte';
import { onAlertOpen, takeQueryTarget } from './alert-landing';
import { AlertsState } from './alerts.svelte';
import { emptyDraft, type RuleDraft } from './empty-draft';
import type { NotifyHandOver } from './notify-route';

/**
 * Everything alerts on the desk, for App.svelte to mount: the alert state, the chart layer and
 * landing, and the drafts the chart, a legend and the pair view open the alert center with.
 */
export class AlertsFeature {
  readonly state: AlertsState;
  readonly desk: AlertDesk;
  /** The alert center is open on this tab, with this draft (null: no form). */
  tab = $state<AlertTab>('firings');
  draft = $state.raw<RuleDraft | null>(null);
  private readonly pendingTarget = takeQueryTarget();

  constructor(controls: DeskControls, rulesChanged: (rules: readonly AlertRule[]) => void, handOver?: NotifyHandOver) {
    this.state = new AlertsState(rulesChanged, handOver);
    this.desk = new AlertDesk(controls);
  }

  /** Opens storage-backed state and starts listening for notification clicks; returns the stop. */
  start(db: Promise<TapewatchDb>, storage: (db: TapewatchDb) => AlertStorage): () => void {
    void db.then((d) => this.state.open(d, storage(d)));
    // A new service worker (an update) or one the browser stopped while hidden: a fresh line.
    const reconnect = () => this.state.reconnectRoute();
    const visible = () => document.visibilityState === 'visible' && reconnect();
    navigator.serviceWorker?.addEventListener('controllerchange', reconnect);
    document.addEventListener('visibilitychange', visible);
    const stopLanding = onAlertOpen((target) => this.desk.land(target));
    return () => {
      stopLanding();
      navigator.serviceWorker?.removeEventListener('controllerchange', reconnect);
      document.removeEventListener('visibilitychange', visible);
    };
  }

  /** The feed is running and the watch list known: land on the target this window was opened with. */
  feedStarted(): void {
    if (this.pendingTarget !== null) this.desk.land(this.pendingTarget);
  }

  onBatch(batch: FeedBatch & { readonly alerts?: readonly AlertFiring[] }): void {
    if (batch.alerts !== undefined && batch.alerts.length > 0) this.state.receive(batch.alerts);
  }

  /** Alert center on a tab, no form. */
  openCenter(tab: AlertTab = 'firings'): void {
    this.tab = tab;
    this.draft = null;
  }

  newDraft(instrument: string, timeframe: TimeframeId): RuleDraft {
    return emptyDraft(this.state.freshId('rule'), instrument, timeframe);
  }

  /** The chart's 🔔 (newest close) or its price menu (the level under the pointer). */
  priceDraft(instrument: string, timeframe: TimeframeId, level: string | null, above = true): void {
    this.draft = this.desk.priceDraft(this.state.freshId('price'), instrument, timeframe, level, above);
    this.desk.closeMenu();
  }

  /** An indicator legend's 🔔: its main output against a threshold (RSI-style presets where known). */
  indicatorDraft(instrument: string, timeframe: TimeframeId, indicator: IndicatorOnChart): void {
    const spec = specOf(indicator);
    const d = emptyDraft(this.state.freshId(indicator.name), instrument, timeframe);
    const rsiLike = ['rsi', 'stoch', 'mfi', 'williams_r'].includes(indicator.name);
    this.draft = {
      ...d,
      kind: 'indicator',
      indicator: spec,
      op: 'crosses-above',
      level: rsiLike ? '70' : '',
      origin: 'legend',
    };
  }

  /** The pair view's 🔔: seed 004's divergence preset for the pair on screen. */
  divergenceDraft(a: string, b: string, timeframe: TimeframeId, pct: number, bars: number, barMs: number): void {
    const preset = divergencePreset(a as never, b as never);
    const d = emptyDraft(this.state.freshId('divergence'), a, timeframe);
    this.draft = {
      ...d,
      kind: 'divergence',
      name: preset.name ?? '',
      b,
      pct: String(pct),
      windowSec: String((bars * barMs) / 1000),
      origin: 'pair-view',
    };
  }
}
