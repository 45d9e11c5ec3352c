import { describe, expect, it } from 'vitest';
import { scoreText } from './score-text';

const label = (text: string) => scoreText(text).label;

describe('scoreText', () => {
  it('is neutral with score 0 for empty and blank text', () => {
    expect(scoreText('')).toEqual({ label: 'neutral', score: 0, hits: 0 });
    expect(scoreText('   \n\t ')).toEqual({ label: 'neutral', score: 0, hits: 0 });
    expect(scoreText('— … !!')).toEqual({ label: 'neutral', score: 0, hits: 0 });
  });

  it('is neutral for text in other languages, even with words that are English valence words', () => {
    // "gift" (German: poison), "die", "fällt" would be misread by an English word list.
    expect(scoreText('Die Aktie fällt nach schwachen Zahlen und einer Gewinnwarnung')).toMatchObject({
      label: 'neutral',
      score: 0,
    });
    expect(scoreText("L'action chute fortement après des résultats décevants")).toMatchObject({ score: 0 });
    expect(scoreText('Las acciones suben con fuerza tras los resultados del banco')).toMatchObject({ score: 0 });
    expect(scoreText('Акции компании резко упали после отчёта')).toMatchObject({ score: 0 });
    expect(scoreText('株価が急落した')).toMatchObject({ score: 0 });
  });

  it('reads the finance phrases as an investor would', () => {
    expect(label('Acme beats estimates')).toBe('positive');
    expect(label('Acme misses estimates')).toBe('negative');
    expect(label('Acme raises guidance')).toBe('positive');
    expect(label('Acme cuts guidance')).toBe('negative');
    expect(label('Acme tops analyst expectations')).toBe('positive');
    expect(label('Acme lowers its full-year outlook')).toBe('negative');
    expect(label('Broker downgrades Acme')).toBe('negative');
    expect(label('Acme upgraded to buy')).toBe('positive');
    expect(label('Acme issues profit warning')).toBe('negative');
    expect(label('Acme quarterly loss narrows')).toBe('positive');
    expect(label('Acme reports wider loss')).toBe('negative');
    expect(label('Acme posts better-than-expected sales')).toBe('positive');
  });

  it('"estimates" and "guidance" alone are neutral; the phrase, not the noun, carries the news', () => {
    expect(label('Acme to update guidance on Tuesday')).toBe('neutral');
    expect(label('Analyst estimates for Acme range widely')).toBe('neutral');
  });

  it('negation flips what follows it within its clause', () => {
    expect(scoreText('Acme results are good').score).toBeGreaterThan(0);
    expect(label('Acme results are not good')).toBe('negative');
    expect(label('Acme does not expect profit growth this year')).toBe('negative');
    expect(label("Acme isn't worried about liquidity")).toBe('positive');
    expect(label('Acme fails to win approval')).toBe('negative');
    // A comma ends the negation's reach.
    expect(label('Demand is not slowing, Acme raises outlook')).toBe('positive');
  });

  it('boosters strengthen and dampers weaken a word', () => {
    const plain = scoreText('Acme shares fall').score;
    expect(scoreText('Acme shares fall sharply').score).toBeLessThan(plain);
    expect(scoreText('Acme shares fall slightly').score).toBeGreaterThan(plain);
  });

  it('scores stay within −1 … 1 however many words pile up', () => {
    const s = scoreText('record record soars soars surges best strong strong beats estimates raises guidance').score;
    expect(s).toBeGreaterThan(0.9);
    expect(s).toBeLessThanOrEqual(1);
    const n = scoreText('fraud bankruptcy plunge crash collapse misses estimates cuts guidance').score;
    expect(n).toBeLessThan(-0.9);
    expect(n).toBeGreaterThanOrEqual(-1);
  });

  it('does not read names of things as news ("gold", "merger")', () => {
    expect(label('Gold steady as traders wait')).toBe('neutral');
    expect(label('Acme completes merger with Beta')).toBe('neutral');
  });
});
