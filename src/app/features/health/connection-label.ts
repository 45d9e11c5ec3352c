import type { ConnectionState } from '../../../core/feed/connection-state';

/** Words a trader reads at a glance, one per distinct state. */
export function connectionLabel(state: ConnectionState, nowMs: number): string {
  switch (state.kind) {
    case 'idle':
      return 'Idle';
    case 'connecting':
      return state.attempt > 1 ? `Connecting (attempt ${state.attempt})` : 'Connecting';
    case 'live':
      return 'Live';
    case 'stale':
      return `Stale — silent ${Math.round(state.silentMs / 1000)} s`;
    case 'reconnecting': {
      const inSec = Math.max(0, Math.ceil((state.nextAttemptAtMs - nowMs) / 1000));
      return `Reconnecting in ${inSec} s${state.lastError ? ` (${state.lastError})` : ''}`;
    }
    case 'region-blocked':
      return `Blocked in this region — ${state.detail}`;
    case 'rejected':
      return `Rejected — ${state.detail}`;
    case 'offline':
      return 'Offline';
    case 'paused': {
      const inMin = Math.max(0, Math.ceil((state.nextProbeAtMs - nowMs) / 60_000));
      return `Paused — ${state.detail}; next try in ${inMin} min`;
    }
    case 'stopped':
      return 'Stopped';
  }
}
