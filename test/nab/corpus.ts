import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CostMatrix, Window } from './scorer';

/** One NAB data file: its path relative to data/ (e.g. `realAdExchange/exchange-2_cpc_results.csv`). */
export interface CorpusFile {
  readonly path: string;
  readonly category: string;
  readonly timestampsMs: number[];
  readonly values: number[];
  readonly windows: Window[];
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` (NAB's layout, UTC) to epoch ms. */
export function nabTimeMs(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(text.trim());
  if (!m) throw new RangeError(`not a NAB timestamp: ${text}`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}

/** Reads `timestamp,value[,anomaly_score]` rows; returns the columns. */
export function readNabCsv(file: string): { timestampsMs: number[]; values: number[]; scores: number[] } {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const timestampsMs: number[] = [];
  const values: number[] = [];
  const scores: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    timestampsMs.push(nabTimeMs(cells[0] as string));
    values.push(Number(cells[1]));
    if (cells.length > 2) scores.push(Number(cells[2]));
  }
  return { timestampsMs, values, scores };
}

export function loadCorpus(dir: string): CorpusFile[] {
  const windows = JSON.parse(readFileSync(join(dir, 'labels', 'combined_windows.json'), 'utf8')) as Record<
    string,
    [string, string][]
  >;
  const out: CorpusFile[] = [];
  for (const category of readdirSync(join(dir, 'data')).sort()) {
    for (const name of readdirSync(join(dir, 'data', category)).sort()) {
      if (!name.endsWith('.csv')) continue;
      const path = `${category}/${name}`;
      const limits = windows[path];
      if (!limits) throw new RangeError(`${path}: no entry in combined_windows.json`);
      const { timestampsMs, values } = readNabCsv(join(dir, 'data', path));
      out.push({
        path,
        category,
        timestampsMs,
        values,
        windows: limits.map(([a, b]) => ({ startMs: nabTimeMs(a), endMs: nabTimeMs(b) })),
      });
    }
  }
  return out;
}

export function loadProfiles(dir: string): Record<string, CostMatrix> {
  const raw = JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')) as Record<
    string,
    { CostMatrix: CostMatrix }
  >;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.CostMatrix]));
}

/** Per-row scores NAB's repository ships for a published detector (`results/<detector>/<category>/<detector>_<file>`). */
export function loadPublishedScores(dir: string, detector: string, file: CorpusFile): number[] {
  const [category, name] = file.path.split('/') as [string, string];
  const { scores, timestampsMs } = readNabCsv(join(dir, 'results', detector, category, `${detector}_${name}`));
  if (timestampsMs.length !== file.timestampsMs.length)
    throw new RangeError(`${file.path}: results have ${timestampsMs.length} rows`);
  return scores;
}
