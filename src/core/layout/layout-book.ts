import { parseSavedLayout, type SavedLayout } from './saved-layout';

/** Several named layouts, one of them active. Names are unique regardless of case. */
export interface LayoutBook {
  readonly active: string | null;
  readonly layouts: readonly { readonly name: string; readonly layout: SavedLayout }[];
}

export const EMPTY_BOOK: LayoutBook = { active: null, layouts: [] };
export const MAX_NAME_LENGTH = 40;
export const MAX_LAYOUTS = 50;

/** Thrown for a name or operation the user should be told about; the book is left unchanged. */
export class LayoutError extends Error {}

const same = (a: string, b: string): boolean => a.toLocaleLowerCase() === b.toLocaleLowerCase();

export function cleanLayoutName(name: string): string {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  if (trimmed === '') throw new LayoutError('A layout needs a name.');
  if (trimmed.length > MAX_NAME_LENGTH) throw new LayoutError(`A name has at most ${MAX_NAME_LENGTH} characters.`);
  return trimmed;
}

export function findLayout(book: LayoutBook, name: string): SavedLayout | null {
  return book.layouts.find((l) => same(l.name, name))?.layout ?? null;
}

/** Saves under a new name and makes it active; refuses a name in use (use `updateLayout`). */
export function saveLayoutAs(book: LayoutBook, name: string, layout: SavedLayout): LayoutBook {
  const clean = cleanLayoutName(name);
  if (findLayout(book, clean) !== null) throw new LayoutError(`A layout named “${clean}” exists already.`);
  if (book.layouts.length >= MAX_LAYOUTS) throw new LayoutError(`At most ${MAX_LAYOUTS} layouts; delete one first.`);
  return { active: clean, layouts: [...book.layouts, { name: clean, layout }] };
}

/** Overwrites the named layout (the active one as the user changes it). */
export function updateLayout(book: LayoutBook, name: string, layout: SavedLayout): LayoutBook {
  if (findLayout(book, name) === null) throw new LayoutError(`No layout named “${name}”.`);
  return { ...book, layouts: book.layouts.map((l) => (same(l.name, name) ? { name: l.name, layout } : l)) };
}

export function renameLayout(book: LayoutBook, from: string, to: string): LayoutBook {
  const clean = cleanLayoutName(to);
  const current = book.layouts.find((l) => same(l.name, from));
  if (current === undefined) throw new LayoutError(`No layout named “${from}”.`);
  if (!same(from, clean) && findLayout(book, clean) !== null) {
    throw new LayoutError(`A layout named “${clean}” exists already.`);
  }
  return {
    active: book.active !== null && same(book.active, from) ? clean : book.active,
    layouts: book.layouts.map((l) => (l === current ? { name: clean, layout: l.layout } : l)),
  };
}

/** Deletes a layout; deleting the active one leaves none active (what is on screen stays). */
export function deleteLayout(book: LayoutBook, name: string): LayoutBook {
  if (findLayout(book, name) === null) throw new LayoutError(`No layout named “${name}”.`);
  return {
    active: book.active !== null && same(book.active, name) ? null : book.active,
    layouts: book.layouts.filter((l) => !same(l.name, name)),
  };
}

export function activateLayout(book: LayoutBook, name: string): { book: LayoutBook; layout: SavedLayout } {
  const entry = book.layouts.find((l) => same(l.name, name));
  if (entry === undefined) throw new LayoutError(`No layout named “${name}”.`);
  return { book: { ...book, active: entry.name }, layout: entry.layout };
}

/**
 * A book read back from storage. Unreadable entries are kept out of the book but reported (and
 * kept in `rejected` so a caller can store them aside instead of losing them).
 */
export function parseLayoutBook(value: unknown): { book: LayoutBook; problems: string[]; rejected: unknown[] } {
  const problems: string[] = [];
  const rejected: unknown[] = [];
  if (value === undefined || value === null) return { book: EMPTY_BOOK, problems, rejected };
  const raw = value as { active?: unknown; layouts?: unknown };
  if (typeof raw !== 'object' || !Array.isArray(raw.layouts)) {
    return { book: EMPTY_BOOK, problems: ['saved layouts are unreadable'], rejected: [value] };
  }
  const layouts: { name: string; layout: SavedLayout }[] = [];
  for (const entry of raw.layouts as unknown[]) {
    const e = entry as { name?: unknown; layout?: unknown } | null;
    let name: string;
    try {
      name = cleanLayoutName(typeof e?.name === 'string' ? e.name : '');
    } catch {
      problems.push('a layout without a usable name was set aside');
      rejected.push(entry);
      continue;
    }
    const parsed = parseSavedLayout(e?.layout);
    if (parsed.layout === null || layouts.some((l) => same(l.name, name))) {
      problems.push(`layout “${name}” was set aside: ${parsed.problems.join('; ') || 'duplicate name'}`);
      rejected.push(entry);
      continue;
    }
    for (const p of parsed.problems) problems.push(`layout “${name}”: ${p}`);
    layouts.push({ name, layout: parsed.layout });
  }
  const active =
    typeof raw.active === 'string' ? (layouts.find((l) => same(l.name, raw.active as string))?.name ?? null) : null;
  return { book: { active, layouts }, problems, rejected };
}
