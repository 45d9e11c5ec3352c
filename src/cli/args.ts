import { UsageError } from './command';

export interface FlagSpec {
  /** Flags that take a value; repeated ones collect into an array. */
  readonly values?: readonly string[];
  readonly repeatable?: readonly string[];
  /** Flags without a value. */
  readonly switches?: readonly string[];
  readonly required?: readonly string[];
}

export interface ParsedArgs {
  readonly values: ReadonlyMap<string, string[]>;
  readonly switches: ReadonlySet<string>;
  readonly positional: readonly string[];
}

/** Parses `--flag value`, `--flag=value` and `--switch`; anything unknown is a UsageError. */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  const positional: string[] = [];
  const takesValue = new Set([...(spec.values ?? []), ...(spec.repeatable ?? [])]);
  const isSwitch = new Set(spec.switches ?? []);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (isSwitch.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      switches.add(name);
      continue;
    }
    if (!takesValue.has(name)) throw new UsageError(`unknown flag --${name}`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    const list = values.get(name) ?? [];
    if (list.length > 0 && !(spec.repeatable ?? []).includes(name)) throw new UsageError(`--${name} given twice`);
    list.push(value);
    values.set(name, list);
  }
  for (const name of spec.required ?? []) {
    if (!values.has(name)) throw new UsageError(`--${name} is required`);
  }
  return { values, switches, positional };
}

export function single(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.[0];
}

export function positiveInt(args: ParsedArgs, name: string, fallback: number): number {
  const text = single(args, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`--${name} must be a positive integer, got ${JSON.stringify(text)}`);
  return n;
}
