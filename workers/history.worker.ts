/// <reference lib="webworker" />
import { expose } from 'comlink';
import type { CandleUpdate } from '../src/core/candles/candle';
import type { TimeframeId } from '../src/core/candles/timeframe';
import { CsvError } from '../src/core/csv/csv-error';
import { detectFormat, type ImportFormat } from '../src/core/import/detect-format';
import { guessTradeMapping, type TradeColumnMapping } from '../src/core/import/generic-trades';
import { parseImport } from '../src/core/import/parse-import';
import { isZip, readZipEntries } from '../src/core/import/zip';
import { ReplaySession } from '../src/core/replay/replay-session';
import type { VenueId } from '../src/core/exchange/types';
import { openDb } from '../src/data/db';
import { exportRange, type ExportRequest } from '../src/data/export';
import { writeImport } from '../src/data/import-store';
import { readReplaySource } from '../src/data/replay-source';

export interface ImportProgress {
  readonly phase: 'reading' | 'unzipping' | 'parsing' | 'writing' | 'done';
  /** 0..1 */
  readonly fraction: number;
}

export interface ImportRequest {
  readonly format?: ImportFormat;
  readonly venue: VenueId;
  readonly symbol: string;
  readonly mapping?: TradeColumnMapping;
  readonly skipBadRows: boolean;
}

export type ImportOutcome =
  | {
      ok: true;
      rows: number;
      skipped: number;
      candles: number;
      trades: number;
      fromMs: number;
      toMs: number;
      format: ImportFormat;
    }
  | { ok: false; error: string; line?: number };

export interface FilePreview {
  readonly format: ImportFormat;
  readonly zipped: boolean;
  readonly lines: string[];
  readonly header: string[];
  readonly mapping: Partial<TradeColumnMapping>;
}

async function readAll(file: Blob, onProgress: (p: ImportProgress) => void): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value, at);
    at += value.length;
    onProgress({ phase: 'reading', fraction: file.size > 0 ? (at / file.size) * 0.3 : 0.3 });
  }
  return out;
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const [entry] = readZipEntries(bytes).filter((e) => !e.name.endsWith('/'));
  if (entry === undefined) throw new Error('the ZIP archive is empty');
  if (entry.method === 0) return entry.compressed;
  const stream = new Blob([entry.compressed as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function fileText(
  file: Blob,
  onProgress: (p: ImportProgress) => void,
): Promise<{ text: string; zipped: boolean }> {
  let bytes = await readAll(file, onProgress);
  const zipped = isZip(bytes);
  if (zipped) {
    onProgress({ phase: 'unzipping', fraction: 0.35 });
    bytes = await inflate(bytes);
  }
  return { text: new TextDecoder().decode(bytes), zipped };
}

let replay: {
  session: ReplaySession;
  timer: ReturnType<typeof setInterval> | null;
  listener: (u: CandleUpdate[], positionMs: number, done: boolean) => void;
} | null = null;

const api = {
  /** First lines, detected layout and a guessed column mapping, for the preview. */
  async preview(file: Blob): Promise<FilePreview> {
    const { text, zipped } = await fileText(file.slice(0, isZipName(file) ? file.size : 64 * 1024), () => undefined);
    const lines = text
      .split('\n')
      .slice(0, 12)
      .map((l) => l.replace(/\r$/, ''));
    const header = (lines[0] ?? '').split(',');
    return { format: detectFormat(text), zipped, lines, header, mapping: guessTradeMapping(header) };
  },

  /** Validates the whole file, then writes it in one transaction: all or nothing. */
  async importFile(
    file: File,
    request: ImportRequest,
    onProgress: (p: ImportProgress) => void,
  ): Promise<ImportOutcome> {
    try {
      const { text } = await fileText(file, onProgress);
      onProgress({ phase: 'parsing', fraction: 0.4 });
      const format = request.format ?? detectFormat(text.slice(0, 64 * 1024));
      const result = parseImport(text, { ...request, format });
      onProgress({ phase: 'writing', fraction: 0.8 });
      const written = await writeImport(openDb(), file.name, result, Date.now());
      onProgress({ phase: 'done', fraction: 1 });
      return {
        ok: true,
        rows: result.rows,
        skipped: result.skipped,
        ...written,
        fromMs: result.fromMs,
        toMs: result.toMs,
        format,
      };
    } catch (error) {
      if (error instanceof CsvError) return { ok: false, error: error.message, line: error.line };
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  },

  /** The export as one Blob (built from cursor pages, never the whole table at once). */
  async exportRange(request: ExportRequest): Promise<Blob> {
    const parts: string[] = [];
    for await (const chunk of exportRange(openDb(), request)) parts.push(chunk);
    return new Blob(parts, { type: request.format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
  },

  /** Starts a replay of a stored range; updates arrive every 100 ms of wall time. */
  async startReplay(
    range: { venue: VenueId; symbol: string; timeframe: TimeframeId; fromMs: number; toMs: number },
    speed: number,
    listener: (updates: CandleUpdate[], positionMs: number, done: boolean) => void,
  ): Promise<{ trades: number; bars: number }> {
    api.stopReplay();
    const { trades, bars } = await readReplaySource(openDb(), range);
    const session = new ReplaySession(trades, bars, [range.timeframe], range.fromMs, range.toMs);
    session.speed = speed;
    replay = { session, timer: null, listener };
    api.resumeReplay();
    return { trades: trades.length, bars: bars.length };
  },

  setReplaySpeed(speed: number) {
    if (replay !== null) replay.session.speed = speed;
  },

  pauseReplay() {
    if (replay?.timer != null) clearInterval(replay.timer);
    if (replay !== null) replay.timer = null;
  },

  resumeReplay() {
    const r = replay;
    if (r === null || r.timer !== null) return;
    r.timer = setInterval(() => {
      const updates = r.session.advance(100);
      r.listener(updates, r.session.positionMs, r.session.done);
      if (r.session.done) api.pauseReplay();
    }, 100);
  },

  stopReplay() {
    api.pauseReplay();
    replay = null;
  },
};

function isZipName(file: Blob): boolean {
  return 'name' in file && typeof file.name === 'string' && file.name.toLowerCase().endsWith('.zip');
}

export type HistoryWorkerApi = typeof api;
expose(api);
