import { decimalFromNumber, parseDecimal, type Decimal } from '../decimal/decimal';

/** A rule (or rules file) that cannot be used; the message names the rule and the field. */
export class AlertRuleError extends Error {}

type Json = Readonly<Record<string, unknown>>;

/**
 * Reads one raw rule object field by field. Every error says which rule (id and position in the
 * file) and which field, and what was expected: `rule "px-up" (#2): value: expected ...`.
 */
export class FieldReader {
  private readonly used = new Set<string>();

  constructor(
    readonly raw: Json,
    readonly label: string,
  ) {}

  fail(field: string, expected: string): never {
    const got = this.raw[field];
    const shown = got === undefined ? 'nothing' : JSON.stringify(got).slice(0, 60);
    throw new AlertRuleError(`${this.label}: ${field}: expected ${expected}, got ${shown}`);
  }

  has(field: string): boolean {
    this.used.add(field);
    return this.raw[field] !== undefined;
  }

  string(field: string, pattern?: RegExp, expected = 'a string'): string {
    const value = this.raw[field];
    this.used.add(field);
    if (typeof value !== 'string' || value.length === 0 || (pattern !== undefined && !pattern.test(value))) {
      this.fail(field, expected);
    }
    return value;
  }

  optionalString(field: string, pattern?: RegExp, expected?: string): string | undefined {
    return this.has(field) ? this.string(field, pattern, expected) : undefined;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.raw[field];
    this.used.add(field);
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    }
    return value as T;
  }

  optionalOneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    return this.has(field) ? this.oneOf(field, allowed) : undefined;
  }

  /** A finite number within `[min, max]` (`min` exclusive when `above`). */
  number(field: string, bounds: { min?: number; max?: number; above?: number; integer?: boolean } = {}): number {
    const value = this.raw[field];
    this.used.add(field);
    const { min, max, above, integer } = bounds;
    const parts = ['a finite number'];
    if (integer === true) parts[0] = 'a whole number';
    if (above !== undefined) parts.push(`above ${above}`);
    if (min !== undefined) parts.push(`at least ${min}`);
    if (max !== undefined) parts.push(`at most ${max}`);
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (integer !== true || Number.isInteger(value)) &&
      (above === undefined || value > above) &&
      (min === undefined || value >= min) &&
      (max === undefined || value <= max);
    if (!ok) this.fail(field, parts.join(', '));
    return value as number;
  }

  optionalNumber(field: string, bounds?: Parameters<FieldReader['number']>[1]): number | undefined {
    return this.has(field) ? this.number(field, bounds) : undefined;
  }

  boolean(field: string): boolean | undefined {
    if (!this.has(field)) return undefined;
    const value = this.raw[field];
    if (typeof value !== 'boolean') this.fail(field, 'true or false');
    return value;
  }

  /** Decimal text (`"57000.5"`) or a JSON number, kept as written; `nonNegative` refuses signs. */
  decimal(field: string, nonNegative = false): string | number {
    const value = this.raw[field];
    this.used.add(field);
    const parsed = decimalOf(value);
    if (parsed === null || (nonNegative && parsed.units < 0)) {
      this.fail(field, `a ${nonNegative ? 'non-negative ' : ''}decimal (text like "57000.5" or a number)`);
    }
    return value as string | number;
  }

  /** Unknown fields are refused: a misspelt `cooldownMs` must not silently do nothing. */
  finish(): void {
    for (const field of Object.keys(this.raw)) {
      if (!this.used.has(field)) throw new AlertRuleError(`${this.label}: ${field}: unknown field for this kind`);
    }
  }
}

/** The exact decimal of a level written as text or as a JSON number; null if it is neither. */
export function decimalOf(value: unknown): Decimal | null {
  if (typeof value === 'number') return decimalFromNumber(value);
  if (typeof value === 'string') return parseDecimal(value.trim() === value ? value : '');
  return null;
}
