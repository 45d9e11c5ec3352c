import { readThemePreference, writeThemePreference, type ThemePreference } from '../../data/ui-preferences';

/** Dark, light or the system's choice; applied as `data-theme` on <html>, which the palette keys on. */
export class ThemeState {
  preference = $state<ThemePreference>('system');
  /** The theme in effect. */
  resolved = $state<'dark' | 'light'>('dark');
  private readonly media = matchMedia('(prefers-color-scheme: light)');

  constructor() {
    this.preference = readThemePreference();
    this.media.addEventListener('change', () => this.apply());
    this.apply();
  }

  set(preference: ThemePreference): void {
    this.preference = preference;
    writeThemePreference(preference);
    this.apply();
  }

  private apply(): void {
    this.resolved = this.preference === 'system' ? (this.media.matches ? 'light' : 'dark') : this.preference;
    document.documentElement.dataset.theme = this.resolved;
    const background = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();
    document.querySelector('meta[name=theme-color]')?.setAttribute('content', background);
  }
}
