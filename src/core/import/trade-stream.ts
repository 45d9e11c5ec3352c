import { CsvError } from '../csv/csv-error';
import type { Trade, VenueId } from '../exchange/types';
import { validateTrade, type PricedTrade } from '../exchange/validate';
import { DEDUP_WINDOW, TradeDedup } from './trade-dedup';

/** One line of a trades file to a trade (null: a header or a non-trade line); throws CsvError. */
export interface TradeRowParser {
  row(number: number, line: string): Trade | null;
}

/** A file holding more than one instrument without a choice of which to keep: never skippable. */
export class MixedInstrumentsError extends CsvError {}

export interface TradeStreamOptions {
  /** Count and skip bad rows instead of refusing the file at the first. */
  readonly skipBadRows: boolean;
  /** "Now" for the trade-time sanity check (no trade more than a day ahead). */
  readonly nowMs: number;
  /** Keep only rows of this symbol (files naming several instruments); others are counted. */
  readonly onlySymbol?: string;
  readonly dedupWindow?: number;
}

const MAX_PROBLEMS = 20;

/**
 * Parses, validates and de-duplicates the lines of a trades file one at a time, in bounded
 * memory, handing each accepted trade to `onTrade`. Every error names its line; with
 * `skipBadRows` bad rows (unparsable, invalid, or too far out of id order to de-duplicate) are
 * counted instead. A second instrument in the file refuses it, naming both and the line,
 * unless `onlySymbol` picks one.
 */
export class TradeStream {
  accepted = 0;
  skipped = 0;
  duplicates = 0;
  otherInstruments = 0;
  readonly problems: CsvError[] = [];
  fromMs = Infinity;
  toMs = -Infinity;
  instrument: { venue: VenueId; symbol: string; line: number } | null = null;
  private readonly dedup: TradeDedup;

  constructor(
    private readonly parser: TradeRowParser,
    private readonly options: TradeStreamOptions,
    private readonly onTrade: (trade: PricedTrade) => void,
  ) {
    this.dedup = new TradeDedup(options.dedupWindow ?? DEDUP_WINDOW);
  }

  line(number: number, text: string): void {
    try {
      this.accept(number, text);
    } catch (error) {
      if (!(error instanceof CsvError) || error instanceof MixedInstrumentsError || !this.options.skipBadRows) {
        throw error;
      }
      this.skipped++;
      if (this.problems.length < MAX_PROBLEMS) this.problems.push(error);
    }
  }

  private accept(number: number, text: string): void {
    const trade = this.parser.row(number, text);
    if (trade === null) return;
    if (!this.sameInstrument(trade, number)) return;
    const valid = validateTrade(trade, this.options.nowMs);
    if (!valid.ok) throw new CsvError(number, `invalid trade (${valid.reason}): ${valid.detail}`);
    const verdict = this.dedup.check(trade);
    if (verdict === 'duplicate') {
      this.duplicates++;
      return;
    }
    if (verdict === 'unknowable') {
      throw new CsvError(
        number,
        `trade id ${trade.id} comes after ${this.options.dedupWindow ?? DEDUP_WINDOW} newer ids; ` +
          'sort the file by id so duplicates can be told apart',
      );
    }
    this.accepted++;
    if (trade.timeMs < this.fromMs) this.fromMs = trade.timeMs;
    if (trade.timeMs > this.toMs) this.toMs = trade.timeMs;
    this.onTrade(valid.value);
  }

  private sameInstrument(trade: Trade, number: number): boolean {
    const only = this.options.onlySymbol;
    if (only !== undefined && trade.symbol !== only) {
      this.otherInstruments++;
      return false;
    }
    const first = this.instrument;
    if (first === null) {
      this.instrument = { venue: trade.venue, symbol: trade.symbol, line: number };
      return true;
    }
    if (first.venue === trade.venue && first.symbol === trade.symbol) return true;
    throw new MixedInstrumentsError(
      number,
      `a second instrument ${trade.venue}:${trade.symbol} after ${first.venue}:${first.symbol} (line ${first.line}); ` +
        'a file is imported as one instrument: pick one by symbol',
    );
  }

  /** The end of the file: a file with no trade at all is an error, not an empty result. */
  finish(): void {
    if (this.accepted > 0) return;
    const why =
      this.skipped > 0
        ? `; ${this.skipped} bad rows skipped, the first: ${this.problems[0]?.message ?? ''}`
        : this.otherInstruments > 0
          ? `; ${this.otherInstruments} rows of other symbols`
          : '';
    throw new CsvError(1, `no trades in file${why}`);
  }
}
