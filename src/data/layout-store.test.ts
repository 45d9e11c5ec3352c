import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SavedLayout } from '../core/layout/saved-layout';
import { EMPTY_BOOK, saveLayoutAs } from '../core/layout/layout-book';
import { TapewatchDb } from './db';
import { loadLayouts, saveCurrentLayout, saveLayoutBook } from './layout-store';
import { readSetting, writeSetting } from './settings-store';

const layout: SavedLayout = {
  instruments: ['binance-spot:BTCUSDT'],
  selected: 'binance-spot:BTCUSDT',
  timeframe: '5m',
  indicators: [{ id: 'ind-1', name: 'bb', params: [20, 2], color: 1, height: 120 }],
  pair: null,
  watchlistWindow: '24h',
};

describe('layout store', () => {
  it('restores the book and the layout on screen after a reopen', async () => {
    const name = `layouts-${Math.random()}`;
    const db = new TapewatchDb(name);
    await saveLayoutBook(db, saveLayoutAs(EMPTY_BOOK, 'Main', layout));
    await saveCurrentLayout(db, { ...layout, timeframe: '1h' });
    db.close();
    const again = new TapewatchDb(name);
    const loaded = await loadLayouts(again);
    expect(loaded.book.layouts).toEqual([{ name: 'Main', layout }]);
    expect(loaded.book.active).toBe('Main');
    expect(loaded.current?.timeframe).toBe('1h');
    expect(loaded.problems).toEqual([]);
  });

  it('sets unreadable entries aside instead of losing them', async () => {
    const db = new TapewatchDb(`layouts-${Math.random()}`);
    const bad = { name: 'Broken', layout: { instruments: 'nope' } };
    await writeSetting(db, 'desk-layouts', { active: 'Broken', layouts: [{ name: 'Main', layout }, bad] });
    const loaded = await loadLayouts(db);
    expect(loaded.book.layouts.map((l) => l.name)).toEqual(['Main']);
    expect(loaded.problems[0]).toContain('“Broken” was set aside');
    expect(await readSetting(db, 'desk-layouts-set-aside', [])).toEqual([bad]);
    expect(loaded.current).toBeNull();
  });
});
