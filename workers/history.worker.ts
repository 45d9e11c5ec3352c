/// <reference lib="webworker" />
import { expose } from 'comlink';
import type { CandleUpdate } from '../src/core/candles/candle';
import type { TimeframeId } from '../src/core/candles/timeframe';
import { CsvError } from '../src/core/csv/csv-error';
import { detectFormat, type ImportFormat } from '../src/core/import/detect-format';
import { guessTradeMapping, type TradeColumnMapping } from '../src/core/import/generic-trades';
import { isPlausibleSymbol, isVenueId } from '../src/core/import/instrument';
import { parseImport } from '../src/core/import/parse-import';
import { isZip, readZipEntries } from '../src/core/import/zip';
import { ReplaySession } from '../src/core/replay/replay-session';
import type { Trade, VenueId } from '../src/core/exchange/types';
import { openStorage } from '../src/data/open-storage';
import { exportRange, type ExportRequest } from '../src/data/export';
import { commitImport, discardStaged, stageTrades, stagingStamp } from '../src/data/import-store';
import { readReplaySource } from '../src/data/replay-source';
import { TradeSequencer } from '../src/data/trade-key';

export interface ImportProgress {
  readonly phase: 'parsing' | 'writing' | 'done';
  /** 0..1 */
  readonly fraction: number;
}

export interface ImportRequest {
  readonly format?: ImportFormat;
  readonly venue: VenueId;
  readonly symbol: string;
  readonly mapping?: TradeColumnMapping;
  readonly skipBadRows: boolean;
  /** NDJSON naming several instruments: import only the rows of this symbol. */
  readonly onlySymbol?: string;
}

export type ImportOutcome =
  | {
      ok: true;
      rows: number;
      skipped: number;
      duplicates: number;
      otherInstruments: number;
      candles: number;
      keptBars: number;
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

async function readAll(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** A text stream as an async iterable (not every engine iterates ReadableStreams yet). */
async function* chunksOf(stream: ReadableStream<string>): AsyncGenerator<string> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Counts bytes going by, for the progress bar. */
function counting(onBytes: (n: number) => void): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      onBytes(chunk.byteLength);
      controller.enqueue(chunk);
    },
  });
}

async function isZipFile(file: Blob): Promise<boolean> {
  return isZip(new Uint8Array(await file.slice(0, 4).arrayBuffer()));
}

/**
 * The file's text as a stream, decoded chunk by chunk: the text is never held whole. A ZIP's
 * compressed bytes are read first (its directory is at the end), then inflated as a stream.
 */
async function textStream(file: Blob, onBytes: (n: number) => void): Promise<ReadableStream<string>> {
  let bytes: ReadableStream<Uint8Array>;
  if (await isZipFile(file)) {
    const [entry] = readZipEntries(await readAll(file)).filter((e) => !e.name.endsWith('/'));
    if (entry === undefined) throw new Error('the ZIP archive is empty');
    const raw = new Blob([entry.compressed as BlobPart]).stream();
    bytes = entry.method === 0 ? raw : raw.pipeThrough(new DecompressionStream('deflate-raw'));
  } else {
    bytes = file.stream();
  }
  return bytes
    .pipeThrough(counting(onBytes))
    .pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>);
}

/** The first 64 KiB of text, for the preview and format detection. */
async function sample(file: Blob): Promise<{ text: string; zipped: boolean }> {
  const zipped = await isZipFile(file);
  const stream = await textStream(zipped ? file : file.slice(0, 64 * 1024), () => undefined);
  let text = '';
  for await (const chunk of chunksOf(stream)) {
    text += chunk;
    if (text.length >= 64 * 1024) break;
  }
  return { text, zipped };
}

let replay: {
  session: ReplaySession;
  timer: ReturnType<typeof setInterval> | null;
  listener: (u: CandleUpdate[], positionMs: number, done: boolean) => void;
} | null = null;

const api = {
  /** First lines, detected layout and a guessed column mapping, for the preview. */
  async preview(file: Blob): Promise<FilePreview> {
    const { text, zipped } = await sample(file);
    const lines = text
      .split('\n')
      .slice(0, 12)
      .map((l) => l.replace(/\r$/, ''));
    const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',');
    return { format: detectFormat(text), zipped, lines, header, mapping: guessTradeMapping(header) };
  },

  /**
   * Streams the file twice: the first pass validates every row and builds the bars, the second
   * stages the raw trades in batches; the bars and the import record then commit in one
   * transaction. Any failure removes what was staged: all or nothing, in bounded memory.
   */
  async importFile(
    file: File,
    request: ImportRequest,
    onProgress: (p: ImportProgress) => void,
  ): Promise<ImportOutcome> {
    const { db } = await openStorage();
    const nowMs = Date.now();
    const stamp = stagingStamp(nowMs);
    let staged = false;
    try {
      if (!isVenueId(request.venue)) throw new Error(`unknown venue ${JSON.stringify(request.venue)}`);
      if (!isPlausibleSymbol(request.symbol)) {
        throw new Error('the symbol must be 1–40 letters, digits or - _ . / : (starting with a letter or digit)');
      }
      const format = request.format ?? detectFormat((await sample(file)).text);
      const options = { ...request, format };
      const size = Math.max(1, file.size);
      let read = 0;
      const pass = (from: number, span: number, phase: ImportProgress['phase']) => (n: number) => {
        read += n;
        onProgress({ phase, fraction: from + span * Math.min(1, read / size) });
      };
      const result = await parseImport(chunksOf(await textStream(file, pass(0, 0.5, 'parsing'))), options, nowMs);
      let trades = 0;
      if (result.kind === 'trades') {
        read = 0;
        staged = true;
        const sequencer = new TradeSequencer();
        let batch: Trade[] = [];
        const flush = async (min: number) => {
          if (batch.length < min) return;
          const rows = batch;
          batch = [];
          trades += await stageTrades(db, rows, stamp, sequencer);
        };
        await parseImport(chunksOf(await textStream(file, pass(0.5, 0.4, 'writing'))), options, nowMs, {
          onTrade: (t) => batch.push(t),
          afterBatch: () => flush(5000),
        });
        await flush(1);
      }
      onProgress({ phase: 'writing', fraction: 0.95 });
      const written = await commitImport(db, file.name, result, request, trades, nowMs);
      onProgress({ phase: 'done', fraction: 1 });
      return {
        ok: true,
        rows: result.rows,
        skipped: result.skipped,
        duplicates: result.duplicates,
        otherInstruments: result.otherInstruments,
        ...written,
        fromMs: result.fromMs,
        toMs: result.toMs,
        format,
      };
    } catch (error) {
      if (staged) await discardStaged(db, stamp).catch(() => undefined);
      if (error instanceof CsvError) return { ok: false, error: `${file.name}: ${error.message}`, line: error.line };
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  },

  /** The export as one Blob (built from cursor pages, never the whole table at once). */
  async exportRange(request: ExportRequest): Promise<Blob> {
    const parts: string[] = [];
    const { db } = await openStorage();
    for await (const chunk of exportRange(db, request)) parts.push(chunk);
    return new Blob(parts, { type: request.format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
  },

  /** Starts a replay of a stored range; updates arrive every 100 ms of wall time. */
  async startReplay(
    range: { venue: VenueId; symbol: string; timeframe: TimeframeId; fromMs: number; toMs: number },
    speed: number,
    listener: (updates: CandleUpdate[], positionMs: number, done: boolean) => void,
  ): Promise<{ trades: number; bars: number }> {
    api.stopReplay();
    const { trades, bars } = await readReplaySource((await openStorage()).db, range);
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

export type HistoryWorkerApi = typeof api;
expose(api);
