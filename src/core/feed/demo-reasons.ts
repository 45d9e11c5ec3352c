/**
 * Why the demo feed runs when the user chose it. The page shows it as soon as the settings say
 * demo, before the feed's first report, so the banner does not push the chart down later.
 */
export const DEMO_SELECTED = 'Demo feed selected';
