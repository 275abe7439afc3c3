// Small checked accessors for JSON-based readers: each either returns the typed value or throws
// a ProfileFormatError whose message says where in the document the shape was wrong.
import { ProfileFormatError } from '../errors.js';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Accessors bound to one file name, so every error names the file. */
export class JsonShape {
  constructor(readonly file: string) {}

  fail(where: string, reason: string): never {
    throw new ProfileFormatError(this.file, where ? `${where}: ${reason}` : reason);
  }

  object(v: unknown, where: string): JsonObject {
    return isObject(v) ? v : this.fail(where, `expected an object, found ${kindOf(v)}`);
  }

  array(v: unknown, where: string): unknown[] {
    return Array.isArray(v) ? v : this.fail(where, `expected an array, found ${kindOf(v)}`);
  }

  /** A finite number (ints written as 0 or 0.0 alike). */
  number(v: unknown, where: string): number {
    return typeof v === 'number' && Number.isFinite(v) ? v : this.fail(where, `expected a number, found ${kindOf(v)}`);
  }

  optionalNumber(v: unknown, where: string): number | undefined {
    return v === undefined || v === null ? undefined : this.number(v, where);
  }

  /** A non-negative integer index or count. */
  index(v: unknown, where: string, limit = Number.MAX_SAFE_INTEGER): number {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < limit) return v;
    return this.fail(where, limit < Number.MAX_SAFE_INTEGER ? `expected an index below ${limit}, found ${preview(v)}` : `expected a non-negative integer, found ${preview(v)}`);
  }

  string(v: unknown, where: string): string {
    return typeof v === 'string' ? v : this.fail(where, `expected a string, found ${kindOf(v)}`);
  }

  optionalString(v: unknown, where: string): string | undefined {
    return v === undefined || v === null ? undefined : this.string(v, where);
  }
}

export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : 'a non-finite number';
  return `a ${typeof v}`;
}

function preview(v: unknown): string {
  return typeof v === 'number' ? String(v) : kindOf(v);
}
