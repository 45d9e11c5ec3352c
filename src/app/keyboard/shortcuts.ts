import { TIMEFRAMES, type TimeframeId } from '../../core/candles/timeframe';

/** What the desk can do from the keyboard. */
export interface ShortcutActions {
  timeframe(tf: TimeframeId): void;
  searchInstruments(): void;
  addIndicator(): void;
  showShortcuts(): void;
  cycleTheme(): void;
}

/** The list the `?` dialog shows; the handler below is its only implementation. */
export const SHORTCUTS: readonly { readonly keys: string; readonly does: string }[] = [
  { keys: '1 – 9', does: `Timeframe ${TIMEFRAMES[0]} … ${TIMEFRAMES[TIMEFRAMES.length - 1]}` },
  { keys: '/', does: 'Search instruments' },
  { keys: 'i', does: 'Add an indicator' },
  { keys: 't', does: 'Switch theme (dark, light, system)' },
  { keys: '?', does: 'This list' },
  { keys: 'Esc', does: 'Close the dialog' },
];

/** Typing in a field, or a dialog open (it handles its own keys), leaves the desk's keys alone. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, dialog') !== null;
}

/** Runs the desk shortcut for a key press; true when it was one (the caller prevents the default). */
export function handleShortcut(event: KeyboardEvent, actions: ShortcutActions, dialogOpen: boolean): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || dialogOpen || typingIn(event.target)) return false;
  const digit = /^[1-9]$/.test(event.key) ? Number(event.key) : 0;
  const tf = digit > 0 ? TIMEFRAMES[digit - 1] : undefined;
  if (tf !== undefined) {
    actions.timeframe(tf);
    return true;
  }
  switch (event.key) {
    case '/':
      actions.searchInstruments();
      return true;
    case 'i':
      actions.addIndicator();
      return true;
    case 't':
      actions.cycleTheme();
      return true;
    case '?':
      actions.showShortcuts();
      return true;
    default:
      return false;
  }
}
