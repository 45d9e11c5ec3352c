import { describe, expect, it } from 'vitest';
import { fuzzVenue } from '../../../test/fuzz/parser-fuzz';
import { LIVE_VENUES } from './registry';

/**
 * Seeded fuzz of every venue parser, in CI: hostile mutants of the venue's wire fixtures (deep
 * nests, huge and odd numbers, wrong types, `toString`/`valueOf`/`toJSON`/`__proto__` keys, long
 * strings, non-ASCII digits, truncation) through the parser into the ingest pipeline. Nothing may
 * escape, and nothing accepted may break the rules validation promises. The bigger on-demand run
 * is `npx tsx test/fuzz/run.ts`.
 */

const FRAMES_PER_VENUE = 2_500;

describe('venue parsers on hostile frames', () => {
  for (const [n, venue] of LIVE_VENUES.entries()) {
    it(`${venue}: ${FRAMES_PER_VENUE} mutants, no exception escapes, every accepted record is valid`, () => {
      const result = fuzzVenue(venue, FRAMES_PER_VENUE, 1_000 + n);
      expect(result.firstEscapes).toEqual([]);
      expect(result.escapes).toBe(0);
      expect(result.firstViolations).toEqual([]);
      // The mutants must still exercise the accepting path, not only the reject branches.
      expect(result.trades).toBeGreaterThan(0);
      expect(Object.keys(result.rejects).length).toBeGreaterThan(3);
    });
  }
});
