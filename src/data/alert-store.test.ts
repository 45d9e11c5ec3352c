import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AlertEngine, parseRules } from '../core/alerts';
import { bars } from '../core/alerts/test-bars';
import { TapewatchDb } from './db';
import { acknowledgeAlertFirings, recentAlertFirings, storeAlertFirings } from './alert-firings';
import { loadAlertRules, loadAlertStates, saveAlertRules, saveAlertStates } from './alert-rules';

const rules = parseRules([
  { id: 'px-up', kind: 'price', op: 'crosses-above', value: '100', hysteresis: '1' },
  { id: 'rsi-up', kind: 'indicator', indicator: 'rsi:14', op: 'crosses-above', value: 70 },
]);

describe('alert storage (schema v5)', () => {
  it('keeps rules in order and their state across a reopen; a follower resumes from it', async () => {
    const name = `alerts-${Math.random()}`;
    const db = new TapewatchDb(name);
    await saveAlertRules(db, rules);
    const leader = new AlertEngine(rules);
    const firings = bars([99, 101, 100.5]).flatMap((b) => leader.evaluate(b));
    expect(firings).toHaveLength(1);
    await saveAlertStates(db, leader.takeChanged());
    expect(await storeAlertFirings(db, firings)).toHaveLength(1);
    db.close();

    const again = new TapewatchDb(name);
    const loaded = await loadAlertRules(again);
    expect(loaded).toEqual({ rules, problems: [] });
    const follower = new AlertEngine(loaded.rules, {}, await loadAlertStates(again));
    // 100.5 left it disarmed (not ≤ 99): crossing again at 101 does not fire; after 98 it does.
    const later = bars([100.2, 101, 98, 101]).map((b, i) => ({ ...b, openTimeMs: b.openTimeMs + (i + 3) * 60_000 }));
    expect(later.flatMap((b) => follower.evaluate(b)).map((f) => f.value)).toEqual(['101']);
    expect((await recentAlertFirings(again)).map((f) => f.value)).toEqual(['101']);
  });

  it('stores one firing once, however many tabs offer it', async () => {
    const db = new TapewatchDb(`alerts-${Math.random()}`);
    await saveAlertRules(db, rules);
    const engineA = new AlertEngine(rules);
    const engineB = new AlertEngine(rules);
    const a = bars([99, 101, 99, 101]).flatMap((b) => engineA.evaluate(b));
    const b = bars([99, 101, 99, 101]).flatMap((b) => engineB.evaluate(b));
    expect(a.length).toBe(2);
    const [storedA, storedB] = await Promise.all([storeAlertFirings(db, a), storeAlertFirings(db, b)]);
    expect(storedA.length + storedB.length).toBe(a.length);
    expect(await db.alertFirings.count()).toBe(a.length);
    // The unique index refuses a direct duplicate too.
    await expect(db.alertFirings.add({ ...(a[0] as (typeof a)[0]) })).rejects.toThrow();
  });

  it('filters the history and acknowledges; deleting a rule drops its state', async () => {
    const db = new TapewatchDb(`alerts-${Math.random()}`);
    await saveAlertRules(db, rules);
    const engine = new AlertEngine(
      parseRules([
        { id: 'a', kind: 'price', op: 'crosses-above', value: 100, priority: 'critical' },
        { id: 'b', kind: 'price', op: 'crosses-below', value: 100 },
      ]),
    );
    await storeAlertFirings(
      db,
      bars([99, 101, 99, 101]).flatMap((x) => engine.evaluate(x)),
    );
    expect((await recentAlertFirings(db, { ruleId: 'a' })).map((f) => f.openTimeMs)).toHaveLength(2);
    expect(await recentAlertFirings(db, { priority: 'critical', limit: 1 })).toHaveLength(1);
    expect(await recentAlertFirings(db, { instrument: 'kraken:XBT/USD' })).toEqual([]);
    const [first] = await recentAlertFirings(db);
    await acknowledgeAlertFirings(db, [first?.seq as number], 123);
    expect((await recentAlertFirings(db))[0]?.acknowledgedAtMs).toBe(123);

    await saveAlertStates(db, new AlertEngine(rules).states());
    await saveAlertRules(db, rules.slice(0, 1));
    expect((await loadAlertStates(db)).map((s) => s.ruleId)).toEqual(['px-up']);
  });

  it('a stored rule that no longer validates is reported, not run', async () => {
    const db = new TapewatchDb(`alerts-${Math.random()}`);
    await db.alertRules.bulkPut([
      { id: 'ok', order: 0, rule: rules[0] },
      { id: 'bad', order: 1, rule: { id: 'bad', kind: 'price', op: 'sideways', value: 1 } },
    ]);
    const loaded = await loadAlertRules(db);
    expect(loaded.rules.map((r) => r.id)).toEqual(['px-up']);
    expect(loaded.problems).toEqual([expect.stringMatching(/^rule "bad" \(#2\): op: expected one of/)]);
  });
});
