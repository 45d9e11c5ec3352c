import { describe, expect, it } from 'vitest';
import { bytesText, byTimeframe, parseUtcInput, utcInputValue, utcText } from './library-format';

describe('library formatting', () => {
  it('prints sizes in binary units', () => {
    expect(bytesText(512)).toBe('512 B');
    expect(bytesText(1536)).toBe('1.5 KB');
    expect(bytesText(30 * 1024 * 1024)).toBe('30 MB');
  });

  it('reads and writes datetime-local values as UTC', () => {
    const ms = Date.UTC(2026, 10, 25, 14, 3);
    expect(utcInputValue(ms)).toBe('2026-11-25T14:03');
    expect(parseUtcInput('2026-11-25T14:03')).toBe(ms);
    expect(parseUtcInput('2026-11-25T14:03:30')).toBe(ms + 30_000);
    expect(parseUtcInput('yesterday')).toBeNull();
    expect(parseUtcInput('')).toBeNull();
    expect(utcText(ms)).toBe('2026-11-25 14:03 UTC');
  });

  it('orders series by timeframe length', () => {
    const s = (timeframe: string) => ({ timeframe, bars: 1, firstMs: 0, lastMs: 0 });
    expect(byTimeframe([s('1h'), s('15s'), s('1m'), s('1d')]).map((x) => x.timeframe)).toEqual([
      '15s',
      '1m',
      '1h',
      '1d',
    ]);
  });
});
