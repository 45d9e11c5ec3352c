/**
 * Main-thread tasks of a Chrome trace (category `toplevel`): wall time and the thread's own CPU
 * time per task. A long task (over 50 ms of wall time) with little CPU time is the thread waiting
 * to be scheduled (a loaded machine), not work the page did.
 */
interface TraceEvent {
  readonly ph?: string;
  readonly name?: string;
  readonly pid?: number;
  readonly tid?: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

export interface TaskTimes {
  /** Tasks over 50 ms of wall time. */
  readonly longByWall: number;
  /** Tasks over 50 ms of the thread's CPU time. */
  readonly longByCpu: number;
  readonly longestCpuMs: number;
  readonly busyCpuMs: number;
}

/** The renderer main thread that ran the most tasks (the one page open while tracing). */
export function mainThreadTasks(trace: Buffer | string, limitMs = 50): TaskTimes {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue;
    const thread = `${e.pid}:${e.tid}`;
    if (!mains.has(thread)) continue;
    let list = byThread.get(thread);
    if (list === undefined) byThread.set(thread, (list = []));
    list.push(e);
  }
  const tasks = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const wall = tasks.map((t) => (t.dur ?? 0) / 1000);
  const cpu = tasks.map((t) => (t.tdur ?? 0) / 1000);
  return {
    longByWall: wall.filter((ms) => ms > limitMs).length,
    longByCpu: cpu.filter((ms) => ms > limitMs).length,
    longestCpuMs: Math.max(0, ...cpu),
    busyCpuMs: cpu.reduce((a, b) => a + b, 0),
  };
}
