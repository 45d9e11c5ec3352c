import { describe, expect, it } from 'vitest';
import { bytes, storageSummary } from './storage-summary';

describe('storageSummary', () => {
  it('is a meter when the browser gives a quota', () => {
    expect(storageSummary({ storage: { usage: 900, quota: 1000 }, candlesWritten: 3 })).toEqual({
      kind: 'meter',
      usage: 900,
      quota: 1000,
      high: true,
    });
    expect(storageSummary({ storage: { usage: 10, quota: 1000 }, candlesWritten: 3 })).toMatchObject({ high: false });
  });

  it('says there is no estimate (no API, or a zero quota) and what was written', () => {
    expect(storageSummary({ storage: null, candlesWritten: 28_000 })).toEqual({
      kind: 'no-estimate',
      text: 'No quota estimate from this browser · 28,000 bars written this session',
    });
    expect(storageSummary({ storage: { usage: 0, quota: 0 }, candlesWritten: 1 })).toEqual({
      kind: 'no-estimate',
      text: 'No quota estimate from this browser · 1 bar written this session',
    });
  });

  it('prints sizes in KB, MB and GB', () => {
    expect([bytes(2048), bytes(3 * 1024 ** 2), bytes(1.5 * 1024 ** 3)]).toEqual(['2 KB', '3.0 MB', '1.50 GB']);
  });
});
