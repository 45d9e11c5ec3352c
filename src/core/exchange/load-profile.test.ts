import { describe, expect, it } from 'vitest';
import { loadVenueProfile } from './load-profile';
import { LIVE_VENUES, VENUE_PROFILES } from './registry';

describe('loadVenueProfile', () => {
  it.each(LIVE_VENUES)('%s loads the profile the registry holds', async (venue) => {
    expect(await loadVenueProfile(venue)).toBe(VENUE_PROFILES[venue]);
  });

  it('sizes OKX contracts when the listing gave them', async () => {
    const sized = await loadVenueProfile('okx', { contracts: () => ({ ctVal: '0.01' }) });
    expect(sized).not.toBe(VENUE_PROFILES.okx);
    expect(sized.venue).toBe('okx');
    expect(sized.gapRule).toBe(VENUE_PROFILES.okx.gapRule);
  });
});
