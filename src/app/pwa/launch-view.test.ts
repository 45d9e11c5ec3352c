import { describe, expect, it } from 'vitest';
import { launchView } from './launch-view';

describe('launchView', () => {
  it('reads the shortcut views and nothing else', () => {
    expect(launchView(new URLSearchParams('view=library'))).toBe('library');
    expect(launchView(new URLSearchParams('view=watchlist&feed=demo'))).toBe('watchlist');
    expect(launchView(new URLSearchParams('view=alerts'))).toBe('alerts');
    expect(launchView(new URLSearchParams('view=settings'))).toBeNull();
    expect(launchView(new URLSearchParams(''))).toBeNull();
  });
});
