import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TapewatchDb } from '../../../data/db';
import { dexieWeightsPort } from '../../../../workers/model/weights-port';
import type { Candle, CandleUpdate } from '../../candles/candle';
import { AUTOENCODER_KIND, autoencoderRuntime } from '../market-autoencoder';
import { AnomalyService, DEFAULT_SCHEDULE, type AnomalyPorts, type LearnedRuntime } from './anomaly-service';
import type { ModelStatus } from './model-status';
import type { ScoreRow } from './score-row';
import { syntheticBars } from './test-bars';

const SERIES = { venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m' } as const;
const FAST_TRAIN = { epochs: 2, batchSize: 128, seed: 7 };

/** A loose time budget: the shared test machine must not switch the real model off. */
const LOOSE = { ...DEFAULT_SCHEDULE, budgetMs: 1_000 };

function harness(stored: Candle[], learned: LearnedRuntime | null, schedule = LOOSE) {
  const emitted: ScoreRow[] = [];
  const kept: ScoreRow[] = [];
  const statuses: ModelStatus[] = [];
  const ports: AnomalyPorts = {
    latestBars: async (_s, limit) => stored.slice(-limit),
    lastScored: async () => (kept.length === 0 ? null : kept[kept.length - 1]!.openTimeMs),
    putScores: async (rows) => void kept.push(...rows),
    now: () => performance.now(),
    wallMs: () => Date.now(),
    learned,
  };
  const service = new AnomalyService(
    ports,
    (rows) => emitted.push(...rows),
    (s) => statuses.push(s),
    schedule,
  );
  return { service, emitted, kept, statuses };
}

function cpuRuntime(db: TapewatchDb, train = FAST_TRAIN): LearnedRuntime {
  return autoencoderRuntime({
    weights: dexieWeightsPort(db, AUTOENCODER_KIND),
    ready: async () => ({ backend: tf.getBackend(), note: null }),
    now: () => Date.now(),
    train,
  });
}

const add = (c: Candle): CandleUpdate => ({ kind: 'add', candle: c });

async function until(check: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('anomaly service (Node, cpu backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('warms up from stored bars, trains, scores a live shock as an anomaly with its reason, and stores closed bars only', async () => {
    const bars = syntheticBars(1_101, { shockAt: 1_100, shockFactor: 0.95 });
    const db = new TapewatchDb(`svc-${Math.random()}`);
    const h = harness(bars.slice(0, 1_000), cpuRuntime(db));
    await h.service.setScope({ chart: SERIES, others: [] });
    expect(h.kept).toHaveLength(1_000);
    await until(() => h.service.status().learned.state === 'ready');
    const status = h.service.status();
    expect(status.learned).toMatchObject({ bars: 1_000, trigger: 'first training' });
    expect(h.statuses.some((s) => s.learned.state === 'training' && s.learned.progress !== null)).toBe(true);

    // Live bars: the forming shock bar is previewed (not stored), then closes.
    h.service.apply(bars.slice(1_000, 1_100).map(add));
    const shock = bars[1_100]!;
    h.service.apply([{ kind: 'replace', candle: { ...shock, closed: false } }]);
    const preview = h.emitted[h.emitted.length - 1]!;
    expect(preview).toMatchObject({ openTimeMs: shock.openTimeMs, closed: false });
    expect(h.kept.some((r) => r.openTimeMs === shock.openTimeMs)).toBe(false);
    h.service.apply([add(shock)]);
    const row = h.kept[h.kept.length - 1]!;
    expect(row.openTimeMs).toBe(shock.openTimeMs);
    expect(row.score).toBeGreaterThanOrEqual(0.5);
    expect(row.reason).toMatch(/log return|range|volume|trade count|autoencoder/);
    expect(row.parts.some((p) => p.name === 'bar shape · autoencoder')).toBe(true);
    // Ordinary bars before the shock: few false alarms.
    const quiet = h.kept.filter((r) => r.openTimeMs < shock.openTimeMs && r.openTimeMs > bars[400]!.openTimeMs);
    expect(quiet.filter((r) => r.score >= 0.5).length / quiet.length).toBeLessThan(0.02);
    // A late correction of a scored bar is not scored again.
    const before = h.kept.length;
    h.service.apply([add(bars[1_050]!)]);
    expect(h.kept.length).toBe(before);
    h.service.dispose();
    db.close();
  }, 120_000);

  it('loads stored weights instead of training again after a restart', async () => {
    const bars = syntheticBars(800);
    const db = new TapewatchDb(`svc-${Math.random()}`);
    const first = harness(bars, cpuRuntime(db));
    await first.service.setScope({ chart: SERIES, others: [] });
    await until(() => first.service.status().learned.state === 'ready');
    const trainedAt = first.service.status().learned.trainedAtMs;
    first.service.dispose();
    const second = harness(bars, cpuRuntime(db));
    await second.service.setScope({ chart: SERIES, others: [] });
    expect(second.service.status().learned, String(second.service.status().learned.reason)).toMatchObject({
      state: 'ready',
      trainedAtMs: trainedAt,
    });
    expect(second.statuses.some((s) => s.learned.state === 'training')).toBe(false);
    second.service.dispose();
    db.close();
  }, 120_000);

  it('switches a learned part off that returns NaN or exceeds its time budget; statistics keep scoring', async () => {
    const bars = syntheticBars(700);
    const broken = (answer: () => number): LearnedRuntime => ({
      ready: async () => ({ backend: 'cpu', note: null }),
      load: async () => null,
      train: async (_s, b) => ({
        scorer: { name: 'autoencoder', score: () => ({ error: answer(), z: 0, score: 0.1 }), dispose: () => undefined },
        trainedAtMs: 1,
        bars: b.length,
        fromMs: 0,
        toMs: 1,
      }),
    });
    const nan = harness(
      bars.slice(0, 600),
      broken(() => NaN),
    );
    await nan.service.setScope({ chart: SERIES, others: [] });
    await until(() => nan.service.status().learned.state === 'ready');
    nan.service.apply(bars.slice(600, 610).map(add));
    expect(nan.service.status().learned).toMatchObject({ state: 'off', reason: 'autoencoder returned NaN' });
    expect(nan.kept.map((r) => r.openTimeMs)).toContain(bars[609]!.openTimeMs);
    expect(nan.kept[nan.kept.length - 1]!.parts.every((p) => !p.name.includes('autoencoder'))).toBe(true);

    let clock = 0;
    const slow = harness(
      bars.slice(0, 600),
      broken(() => ((clock += 80), 0.01)),
      DEFAULT_SCHEDULE,
    );
    const ports = slow.service as unknown as { ports: { now: () => number } };
    ports.ports.now = () => clock;
    await slow.service.setScope({ chart: SERIES, others: [] });
    await until(() => slow.service.status().learned.state === 'ready');
    slow.service.apply(bars.slice(600, 700).map(add));
    expect(slow.service.status().learned.state).toBe('off');
    expect(slow.service.status().learned.reason).toMatch(/exceeded its time budget \(80\.0 ms > 50 ms a bar\)/);
    expect(slow.kept.map((r) => r.openTimeMs)).toContain(bars[699]!.openTimeMs);
  }, 60_000);

  it('keeps the tensor count flat over repeated training runs and retrains when asked', async () => {
    const bars = syntheticBars(600);
    const db = new TapewatchDb(`svc-${Math.random()}`);
    const h = harness(bars, cpuRuntime(db));
    await h.service.setScope({ chart: SERIES, others: [] });
    await until(() => h.service.status().learned.state === 'ready');
    const after = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await h.service.retrain();
      expect(h.service.status().learned.trigger).toBe('asked for');
      expect(tf.memory().numTensors).toBe(after);
    }
    h.service.dispose();
    db.close();
  }, 120_000);
});

describe('anomaly service: stored scores are final', () => {
  it('a restart with a learned model does not send or store new scores for bars already stored', async () => {
    const bars = syntheticBars(700);
    const first = harness(bars.slice(0, 650), null);
    await first.service.setScope({ chart: SERIES, others: [] });
    expect(first.kept).toHaveLength(650);
    first.service.dispose();
    // The restart reads the same store (its last scored bar) and has 50 bars more.
    const emitted: ScoreRow[] = [];
    const kept = [...first.kept];
    const service = new AnomalyService(
      {
        latestBars: async (_s, limit) => bars.slice(-limit),
        lastScored: async () => kept[kept.length - 1]!.openTimeMs,
        putScores: async (rows) => void kept.push(...rows),
        now: () => performance.now(),
        wallMs: () => Date.now(),
        learned: null,
      },
      (rows) => emitted.push(...rows),
      () => undefined,
    );
    await service.setScope({ chart: SERIES, others: [] });
    expect(emitted.map((r) => r.openTimeMs)).toEqual(bars.slice(650).map((b) => b.openTimeMs));
    expect(kept).toHaveLength(700);
    service.dispose();
  });
});
