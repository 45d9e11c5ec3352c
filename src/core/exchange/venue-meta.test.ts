import { describe, expect, it } from 'vitest';
import { DEFAULT_REST } from '../instruments/listing';
import { LIVE_VENUES, VENUE_PROFILES } from './registry';
import { VENUE_META } from './venues';

// The page reads venues only through VENUE_META; the worker through the runtime profiles. Both
// must describe the same venue, or the CSP would admit hosts the feed does not use (or block one it does).
describe('venue catalogue vs runtime profiles', () => {
  it('lists the same venues in the same order', () => {
    expect(Object.keys(VENUE_META)).toEqual(Object.keys(VENUE_PROFILES));
    expect(LIVE_VENUES).toEqual(Object.keys(VENUE_PROFILES));
  });

  for (const venue of LIVE_VENUES) {
    it(`${venue}: label, endpoints and backfill hosts agree`, () => {
      const meta = VENUE_META[venue];
      const profile = VENUE_PROFILES[venue];
      expect(meta.venue).toBe(venue);
      expect(profile.label).toBe(meta.label);
      expect(profile.exampleSymbol).toBe(meta.exampleSymbol);
      expect(profile.endpoints.map((e) => ({ name: e.name, defaultBase: e.defaultBase }))).toEqual(meta.websockets);
      expect(profile.backfill.map((b) => b.defaultBase)).toEqual(meta.backfillBases);
      expect(DEFAULT_REST[venue]).toBe(meta.rest);
    });
  }
});
