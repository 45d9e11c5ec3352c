import type { QuietHours } from './rule';

const formats = new Map<string, Intl.DateTimeFormat>();

function minutesOfDay(timeMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return Math.floor((((timeMs % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  let hour = 0;
  let minute = 0;
  for (const part of format.formatToParts(timeMs)) {
    if (part.type === 'hour') hour = Number(part.value);
    if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

function parseHhMm(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

/** Whether `timeMs` falls in the quiet span (`from` inclusive, `to` exclusive; may cross midnight). */
export function inQuietHours(quiet: QuietHours | undefined, timeMs: number): boolean {
  if (quiet === undefined) return false;
  const from = parseHhMm(quiet.from);
  const to = parseHhMm(quiet.to);
  if (from === to) return false;
  const now = minutesOfDay(timeMs, quiet.timeZone ?? 'UTC');
  return from < to ? now >= from && now < to : now >= from || now < to;
}
