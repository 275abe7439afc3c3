// Test helper: writes Python marshal (version 4, no references) for the value types a stats file
// uses, so fuzz tests can mutate a decoded real stats file structurally and encode it again.
// Code objects are written as their name (a string).
import type { MarshalValue } from '../../src/profile/readers/marshal.js';

export function dumpMarshal(value: MarshalValue): Uint8Array {
  const out: number[] = [];
  const i32 = (n: number) => out.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  const write = (v: MarshalValue): void => {
    if (v === null) out.push(0x4e);
    else if (v === true) out.push(0x54);
    else if (v === false) out.push(0x46);
    else if (typeof v === 'number') {
      if (Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) {
        out.push(0x69);
        i32(v);
      } else {
        out.push(0x67);
        const b = new DataView(new ArrayBuffer(8));
        b.setFloat64(0, v, true);
        for (let k = 0; k < 8; k++) out.push(b.getUint8(k));
      }
    } else if (typeof v === 'bigint') {
      const neg = v < 0n;
      let m = neg ? -v : v;
      const digits: number[] = [];
      while (m > 0n) {
        digits.push(Number(m & 0x7fffn));
        m >>= 15n;
      }
      out.push(0x6c);
      i32(neg ? -digits.length : digits.length);
      for (const d of digits) out.push(d & 0xff, d >> 8);
    } else if (typeof v === 'string') {
      const bytes = Buffer.from(v, 'utf8');
      out.push(0x75);
      i32(bytes.length);
      out.push(...bytes);
    } else if (v instanceof Uint8Array) {
      out.push(0x73);
      i32(v.length);
      out.push(...v);
    } else if (Array.isArray(v)) {
      if (v.length < 256) out.push(0x29, v.length);
      else {
        out.push(0x28);
        i32(v.length);
      }
      for (const item of v) write(item);
    } else if (v.kind === 'dict') {
      out.push(0x7b);
      v.keys.forEach((k, idx) => {
        write(k);
        write(v.values[idx]!);
      });
      out.push(0x30);
    } else if (v.kind === 'code') {
      write(`<code object ${v.name}>`); // fuzzing needs the stats shape, not the bytecode
    } else throw new Error(`cannot write ${v.kind}`);
  };
  write(value);
  return Uint8Array.from(out);
}
