import { describe, expect, it } from 'vitest';
import { shockPrice } from './faults';
import { demoTape, Tape } from './tape';

describe('price shock', () => {
  it('keeps the price decimals and stays positive', () => {
    expect(shockPrice('100.50', 1.1)).toBe('110.55');
    expect(shockPrice('42000.1', 0.8)).toBe('33600.1');
    expect(shockPrice('0.01', 0.0001)).toBe('0.01');
  });

  it('executes the next trades of one instrument at the shocked price, and only those', () => {
    const trades = demoTape('binance-spot', 7, 60_000).filter((t) => t.symbol === 'BTCUSDT' || t.symbol === 'ETHUSDT');
    const tape = new Tape();
    const firstBtc = trades.findIndex((t) => t.symbol === 'BTCUSDT');
    tape.preload(trades.slice(0, firstBtc + 1));
    tape.shock('binance-spot', 'BTCUSDT', 1.2, 3);
    const rest = tape.preload(trades.slice(firstBtc + 1));
    const source = trades.slice(firstBtc + 1);
    let shocked = 0;
    rest.forEach((t, i) => {
      const original = source[i]!;
      if (t.symbol === 'BTCUSDT' && shocked < 3) {
        expect(Number(t.price)).toBeCloseTo(Number(original.price) * 1.2, 1);
        shocked++;
      } else {
        expect(t.price).toBe(original.price);
      }
    });
    expect(shocked).toBe(3);
    expect(() => tape.shock('binance-spot', 'BTCUSDT', 0)).toThrow();
  });
});
