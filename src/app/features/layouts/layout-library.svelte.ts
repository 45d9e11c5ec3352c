import type { SavedLayout } from '../../../core/layout/saved-layout';
import {
  activateLayout,
  deleteLayout,
  EMPTY_BOOK,
  LayoutError,
  renameLayout,
  saveLayoutAs,
  updateLayout,
  type LayoutBook,
} from '../../../core/layout/layout-book';
import type { AppStorage } from '../../../data/open-storage';
import { loadLayouts, saveCurrentLayout, saveLayoutBook } from '../../../data/layout-store';

/** The layout on screen is written at most this often while it changes. */
const REMEMBER_DELAY_MS = 300;

/**
 * Named layouts (save as, switch, rename, delete) and the layout on screen, which is remembered
 * as it changes and restored on reload. A refused operation (empty or taken name) leaves
 * everything as it was and says why in `error`.
 */
export class LayoutLibrary {
  book = $state.raw<LayoutBook>(EMPTY_BOOK);
  error = $state<string | null>(null);
  /** What could not be read back from storage. */
  problems = $state.raw<readonly string[]>([]);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest: SavedLayout | null = null;
  private loaded = false;

  constructor(
    /** The page's database as it opens (IndexedDB, or memory without it). */
    private readonly storage: Promise<AppStorage>,
    /** The layout on screen now; null while the desk is not ready. */
    private readonly capture: () => SavedLayout | null,
    private readonly restore: (layout: SavedLayout) => void,
  ) {}

  /** Reads the book; returns the layout that was on screen before the reload, if any. */
  async load(): Promise<SavedLayout | null> {
    const loaded = await loadLayouts((await this.storage).db);
    this.book = loaded.book;
    this.problems = loaded.problems;
    this.loaded = true;
    return loaded.current;
  }

  /** The desk changed: remember it (debounced). Ignored until `load` ran, so nothing older wins. */
  remember(layout: SavedLayout): void {
    if (!this.loaded) return;
    this.latest = layout;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), REMEMBER_DELAY_MS);
  }

  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const layout = this.latest;
    this.latest = null;
    if (layout !== null) await saveCurrentLayout((await this.storage).db, layout);
  }

  saveAs(name: string): Promise<boolean> {
    return this.change((book) => {
      const layout = this.capture();
      if (layout === null) throw new LayoutError('The desk is still starting.');
      return saveLayoutAs(book, name, layout);
    });
  }

  /** Overwrites the active layout with what is on screen. */
  saveActive(): Promise<boolean> {
    return this.change((book) => {
      const layout = this.capture();
      if (book.active === null) throw new LayoutError('No layout is active: use Save as.');
      if (layout === null) throw new LayoutError('The desk is still starting.');
      return updateLayout(book, book.active, layout);
    });
  }

  switchTo(name: string): Promise<boolean> {
    return this.change((book) => {
      const { book: next, layout } = activateLayout(book, name);
      this.restore(layout);
      return next;
    });
  }

  rename(from: string, to: string): Promise<boolean> {
    return this.change((book) => renameLayout(book, from, to));
  }

  remove(name: string): Promise<boolean> {
    return this.change((book) => deleteLayout(book, name));
  }

  private async change(step: (book: LayoutBook) => LayoutBook): Promise<boolean> {
    let next: LayoutBook;
    try {
      next = step(this.book);
    } catch (error) {
      if (!(error instanceof LayoutError)) throw error;
      this.error = error.message;
      return false;
    }
    this.error = null;
    this.book = next;
    await saveLayoutBook((await this.storage).db, $state.snapshot(next) as LayoutBook);
    return true;
  }
}
