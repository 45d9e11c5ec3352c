import type { AlertFiring } from '../firing';

/** What a firing says, the same words in a notification, a toast and every channel. */
export interface AlertMessage {
  /** "BTCUSDT · price-up" */
  readonly title: string;
  /** "close 57010.5 crossed above 57000 · 1m bar 12:03 UTC" */
  readonly body: string;
  /** One tag per rule: a repeat replaces the rule's last notification rather than stacking. */
  readonly tag: string;
}

function symbolOf(instrument: string | null): string {
  if (instrument === null) return '';
  const at = instrument.indexOf(':');
  return at < 0 ? instrument : instrument.slice(at + 1);
}

function utcTime(ms: number, timeframe: string | null): string {
  const iso = new Date(ms).toISOString();
  const date = iso.slice(0, 10);
  const time = timeframe !== null && timeframe.endsWith('s') ? iso.slice(11, 19) : iso.slice(11, 16);
  return timeframe === '1d' ? date : `${date} ${time} UTC`;
}

export function alertMessage(firing: AlertFiring): AlertMessage {
  const where = [
    symbolOf(firing.instrument),
    firing.other === undefined ? '' : `/ ${symbolOf(firing.other)}`,
    firing.venue ?? '',
  ]
    .filter((s) => s !== '')
    .join(' ');
  const title = `${firing.priority === 'critical' ? '‼ ' : ''}${where === '' ? 'Tapewatch' : where} · ${firing.ruleName}`;
  const bar =
    firing.timeframe === null
      ? utcTime(firing.openTimeMs, null)
      : `${firing.timeframe} bar ${utcTime(firing.openTimeMs, firing.timeframe)}`;
  const body = `${firing.reason} · ${bar}${firing.intrabar ? ' (bar still forming)' : ''}`;
  return { title, body, tag: `tapewatch-alert:${firing.ruleId}` };
}
