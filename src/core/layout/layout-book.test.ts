import { describe, expect, it } from 'vitest';
import { parseSavedLayout, type SavedLayout } from './saved-layout';
import {
  activateLayout,
  deleteLayout,
  EMPTY_BOOK,
  LayoutError,
  parseLayoutBook,
  renameLayout,
  saveLayoutAs,
  updateLayout,
} from './layout-book';

const layout = (timeframe: SavedLayout['timeframe']): SavedLayout => ({
  instruments: ['binance-spot:BTCUSDT', 'coinbase:ETH-USD'],
  selected: 'coinbase:ETH-USD',
  timeframe,
  indicators: [
    { id: 'ind-1', name: 'rsi', params: [14], color: 2, height: 140 },
    { id: 'ind-2', name: 'bb', params: [20, 2], color: 3, height: 120 },
  ],
  pair: {
    a: 'binance-spot:BTCUSDT',
    b: 'coinbase:ETH-USD',
    window: 60,
    bandK: 2,
    divergencePct: 0.5,
    divergenceBars: 60,
  },
  watchlistWindow: '4h',
});

describe('layout book', () => {
  it('saves as, switches, renames and deletes', () => {
    let book = saveLayoutAs(EMPTY_BOOK, '  Scalping  ', layout('1s'));
    book = saveLayoutAs(book, 'Swing', layout('4h'));
    expect(book.active).toBe('Swing');
    expect(book.layouts.map((l) => l.name)).toEqual(['Scalping', 'Swing']);

    const switched = activateLayout(book, 'scalping');
    expect(switched.book.active).toBe('Scalping');
    expect(switched.layout.timeframe).toBe('1s');

    book = renameLayout(switched.book, 'Scalping', 'Fast');
    expect(book.active).toBe('Fast');
    book = updateLayout(book, 'Fast', layout('5s'));
    expect(activateLayout(book, 'Fast').layout.timeframe).toBe('5s');

    book = deleteLayout(book, 'Fast');
    expect(book.active).toBeNull();
    expect(book.layouts.map((l) => l.name)).toEqual(['Swing']);
  });

  it('refuses empty, duplicate and unknown names without changing the book', () => {
    const book = saveLayoutAs(EMPTY_BOOK, 'Swing', layout('4h'));
    expect(() => saveLayoutAs(book, 'SWING', layout('1m'))).toThrow(LayoutError);
    expect(() => saveLayoutAs(book, '   ', layout('1m'))).toThrow('needs a name');
    expect(() => saveLayoutAs(book, 'x'.repeat(41), layout('1m'))).toThrow('at most 40');
    expect(() => renameLayout(book, 'Nope', 'Other')).toThrow('No layout named');
    expect(() => deleteLayout(book, 'Nope')).toThrow('No layout named');
    // Renaming to its own name in another case is allowed.
    expect(renameLayout(book, 'Swing', 'swing').layouts[0]?.name).toBe('swing');
    expect(book.layouts).toHaveLength(1);
  });

  it('round-trips through storage and sets aside what it cannot read', () => {
    const book = saveLayoutAs(saveLayoutAs(EMPTY_BOOK, 'A', layout('1m')), 'B', layout('5m'));
    const stored = JSON.parse(JSON.stringify(book)) as unknown;
    expect(parseLayoutBook(stored)).toEqual({ book, problems: [], rejected: [] });

    const broken = {
      active: 'B',
      layouts: [
        ...book.layouts,
        { name: 'C', layout: { instruments: [] } },
        { name: '', layout: layout('1h') },
        {
          name: 'D',
          layout: {
            ...layout('1h'),
            timeframe: '7m',
            indicators: [
              { id: 'x', name: '<img onerror=1>', params: [], color: 1, height: 100 },
              { id: 'y', name: 'ema', params: [20], color: 'red;x', height: 9_999 },
              { id: 'z', name: 'rsi', params: [-3], color: 1, height: 100 },
              { id: 'y', name: 'sma', params: [5], color: 1, height: 100 },
            ],
            pair: { a: 'binance-spot:BTCUSDT', b: 'coinbase:ETH-USD', window: -3 },
          },
        },
      ],
    };
    const parsed = parseLayoutBook(broken);
    expect(parsed.book.layouts.map((l) => l.name)).toEqual(['A', 'B', 'D']);
    expect(parsed.book.active).toBe('B');
    expect(parsed.rejected).toHaveLength(2);
    const d = parsed.book.layouts[2]!.layout;
    expect(d.timeframe).toBe('1m');
    // Unknown names, bad parameters and a repeated id are dropped; bad colour and height take defaults.
    expect(d.indicators).toEqual([{ id: 'y', name: 'ema', params: [20], color: 1, height: 120 }]);
    expect(parsed.problems.filter((p) => p.includes('dropped'))).toHaveLength(3);
    expect(d.pair).toBeNull();
    expect(parsed.problems.join('\n')).toContain('pair: window must be a number from 2 to 5000');
    expect(parseLayoutBook('garbage').problems).toEqual(['saved layouts are unreadable']);
    expect(parseLayoutBook(undefined).book).toEqual(EMPTY_BOOK);
  });

  it('keeps the pair view pane heights, and drops unusable ones without losing the pair', () => {
    const withHeights = { ...layout('1m'), pair: { ...layout('1m').pair!, paneHeights: [250.4, 90, 90, 80] } };
    expect(parseSavedLayout(withHeights).layout?.pair?.paneHeights).toEqual([250, 90, 90, 80]);
    for (const paneHeights of [[100, 90, 90], [100, 90, 90, -1], 'tall', [100, 90, 90, Number.NaN]]) {
      const parsed = parseSavedLayout({ ...layout('1m'), pair: { ...layout('1m').pair!, paneHeights } });
      expect(parsed.layout?.pair).toEqual(layout('1m').pair);
      expect(parsed.problems).toEqual(['pair: pane heights dropped']);
    }
  });
});
