import { describe, expect, it } from 'vitest';
import { harness } from '../../../test/support/feed-harness';
import { parseRules, type AlertFiring, type RuleState } from '../alerts';
import type { Candle } from '../candles/candle';
import type { FeedHealth } from '../feed/feed-health';
import { AlertStage, healthInputs, type AlertPorts } from './alert-stage';
import { ArrivalWindow } from './arrival-window';

/** Ports over plain maps: firings unique by dedup key, as the v5 store. */
function memoryPorts(stored: Candle[] = []) {
  const firings = new Map<string, AlertFiring>();
  const states = new Map<string, RuleState>();
  const errors: unknown[] = [];
  const ports: AlertPorts = {
    candles: {
      recent: async (key, tf, limit) =>
        stored.filter((c) => `${c.venue}:${c.symbol}` === key && c.timeframe === tf).slice(-limit),
    },
    saveFirings: async (list) => {
      const fresh = list.filter((f) => !firings.has(f.dedupKey));
      for (const f of fresh) firings.set(f.dedupKey, f);
      return fresh;
    },
    saveStates: async (list) => void list.forEach((s) => states.set(s.ruleId, s)),
    onError: (e) => errors.push(e),
  };
  return { ports, firings, states, errors };
}

const candle = (i: number, close: string, closed = true): Candle => ({
  venue: 'kraken',
  symbol: 'XBT/USD',
  timeframe: '1m',
  openTimeMs: 1_700_000_040_000 + i * 60_000,
  open: close,
  high: close,
  low: close,
  close,
  volume: '1',
  quoteVolume: close,
  buyVolume: '0.5',
  sellVolume: '0.5',
  trades: 2,
  vwap: Number(close),
  closed,
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('AlertStage', () => {
  it('warms indicators from stored bars, fires on the live bar, stores it once and hands it to the next batch', async () => {
    const history = Array.from({ length: 5 }, (_, i) => candle(i, String(100 + i)));
    const { ports, firings, states } = memoryPorts(history);
    const stage = new AlertStage(ports);
    let woken = 0;
    stage.onPending = () => woken++;
    const rules = parseRules([
      // sma:3 over the stored bars is 103 at bar 4: without warm-up the first live bar could not judge it.
      {
        id: 'x',
        kind: 'indicator',
        indicator: 'close',
        op: 'crosses-below',
        other: 'sma:3',
        instrument: 'kraken:XBT/USD',
      },
    ]);
    await stage.setRules(rules, [], []);
    expect(stage.frame([{ kind: 'replace', candle: candle(5, '101', false) }], null, 1_000)).toEqual([]);
    await tick();
    expect(woken).toBe(1);
    const out = stage.frame([], null, 1_010);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ ruleId: 'x', intrabar: true, instrument: 'kraken:XBT/USD' });
    expect(firings.size).toBe(1);
    expect(states.get('x')?.firings).toBe(1);
    // The bar closes below too: same bar, no second firing.
    stage.frame([{ kind: 'add', candle: candle(5, '100') }], null, 2_000);
    await tick();
    expect(stage.frame([], null, 2_010)).toEqual([]);
  });

  it('a firing another tab already stored is not delivered twice', async () => {
    const { ports } = memoryPorts();
    const rules = parseRules([{ id: 'p', kind: 'price', op: 'crosses-above', value: '100' }]);
    const a = new AlertStage(ports);
    const b = new AlertStage(ports);
    await a.setRules(rules, [], []);
    await b.setRules(rules, [], []);
    const bars = [
      { kind: 'add' as const, candle: candle(0, '99') },
      { kind: 'add' as const, candle: candle(1, '101') },
    ];
    a.frame(bars, null, 0);
    b.frame(bars, null, 0);
    await tick();
    expect([...a.frame([], null, 1), ...b.frame([], null, 1)]).toHaveLength(1);
  });

  it('a rule saved while bars arrive is judged on the bars that arrived before it was loaded', async () => {
    // Saved in a tab at 1,500 while the price was 42001; the worker loads it only after the
    // price went 42050 → 42150. The cross happened after the save: it fires.
    const forming = (close: string) => ({ kind: 'replace' as const, candle: candle(0, close, false) });
    const run = async (savedAtMs: number | undefined) => {
      const { ports } = memoryPorts();
      const stage = new AlertStage(ports);
      stage.frame([forming('42000')], null, 1_000);
      stage.frame([forming('42001')], null, 1_200);
      stage.frame([forming('42050')], null, 1_600);
      stage.frame([forming('42150')], null, 1_700);
      const rules = parseRules([{ id: 'hook-up', kind: 'price', op: 'crosses-above', value: '42100' }]);
      await stage.setRules(rules, [], [], () => true, savedAtMs);
      await tick();
      return { fired: stage.frame([], null, 1_800), state: stage.states(1_800)[0] };
    };
    const saved = await run(1_500);
    expect(saved.fired).toHaveLength(1);
    expect(saved.fired[0]).toMatchObject({ ruleId: 'hook-up', value: '42150', firedAtMs: 1_700 });
    // Saved after the cross (or loaded at start, no save time): those bars only arm it.
    for (const late of [1_750, undefined]) {
      const r = await run(late);
      expect(r.fired).toEqual([]);
      expect(r.state?.status).toBe('armed');
    }
  });

  it('bars kept before the stage existed (the engine loads with the first rule) are judged like its own', async () => {
    const forming = (close: string) => ({ kind: 'replace' as const, candle: candle(0, close, false) });
    const arrived = new ArrivalWindow();
    arrived.push([forming('42001')], 1_200);
    arrived.push([forming('42050')], 1_600);
    arrived.push([forming('42150')], 1_700);
    const { ports } = memoryPorts();
    const stage = new AlertStage(ports, undefined, arrived);
    const rules = parseRules([{ id: 'hook-up', kind: 'price', op: 'crosses-above', value: '42100' }]);
    await stage.setRules(rules, [], [], () => true, 1_500);
    await tick();
    const fired = stage.frame([], null, 1_800);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ ruleId: 'hook-up', value: '42150', firedAtMs: 1_700 });
  });

  it('a rule already loaded is not judged again on replayed bars when another rule is saved', async () => {
    const { ports } = memoryPorts();
    const stage = new AlertStage(ports);
    const p = { id: 'p', kind: 'price', op: 'crosses', value: '100', cooldownMs: 0 };
    await stage.setRules(parseRules([p]), [], []);
    stage.frame([{ kind: 'add', candle: candle(0, '99') }], null, 1_000);
    stage.frame([{ kind: 'add', candle: candle(1, '101') }], null, 1_100);
    stage.frame([{ kind: 'add', candle: candle(2, '99') }], null, 1_200);
    await tick();
    expect(stage.frame([], null, 1_300)).toHaveLength(2);
    // A second rule saved at 900: the bars since go through again, but only for it.
    await stage.setRules(parseRules([p, { ...p, id: 'q' }]), [], [], () => true, 900);
    await tick();
    const again = stage.frame([], null, 1_400);
    expect(again.map((f) => f.ruleId)).toEqual(['q', 'q']);
    expect(stage.states(1_400).map((s) => [s.ruleId, s.firings])).toEqual([
      ['p', 2],
      ['q', 2],
    ]);
  });

  it('health reports become per-venue inputs', () => {
    const health = {
      connections: [
        {
          id: 'k1',
          venue: 'kraken',
          state: { kind: 'reconnecting', nextAttemptAtMs: 0, attempt: 1 },
          lastMessageAgeMs: 40_000,
        },
        { id: 'k2', venue: 'kraken', state: { kind: 'live', sinceMs: 0 }, lastMessageAgeMs: 2_000 },
        { id: 'o', venue: 'okx', state: { kind: 'offline' }, lastMessageAgeMs: 9_000 },
      ],
      venues: [{ venue: 'okx', gapsUnfillable: 2 }],
    } as unknown as FeedHealth;
    expect(healthInputs(health, 5)).toEqual([
      { type: 'health', venue: 'kraken', timeMs: 5, connected: true, lastMessageAgeMs: 2_000, gapsUnfillable: 0 },
      { type: 'health', venue: 'okx', timeMs: 5, connected: false, lastMessageAgeMs: 9_000, gapsUnfillable: 2 },
    ]);
  });

  it('rides the feed controller: demo bars judged on the live stream, firings in a later batch', async () => {
    const { ports, firings } = memoryPorts();
    const stage = new AlertStage(ports);
    await stage.setRules(
      parseRules([
        {
          id: 'up',
          kind: 'indicator',
          indicator: 'close',
          op: 'above',
          value: 0,
          timeframe: '1s',
          trigger: 'once-per-bar',
        },
      ]),
      [],
      [],
    );
    const h = harness({ mode: 'demo' }, { alerts: stage });
    stage.onPending = () => h.controller.wake();
    await h.controller.start();
    for (let i = 0; i < 10; i++) {
      await h.clock.advance(500);
      await tick();
    }
    await h.controller.stop();
    const sent = h.batches.flatMap((b) => b.alerts ?? []);
    // A condition already true fires on the first closed 1 s bar of each demo instrument, then
    // stays disarmed while true (the rule names no instrument).
    expect(sent.map((f) => f.instrument).sort()).toEqual(['demo:BTCUSDT', 'demo:ETHUSDT']);
    expect(sent[0]).toMatchObject({ ruleId: 'up', timeframe: '1s', intrabar: false });
    expect(firings.size).toBe(2);
  });
});
