// The data source every profile reader reads from: raw bytes (in memory, or a file read in
// chunks), gzip undone transparently, text decoded (UTF-8 with or without BOM, UTF-16 with BOM),
// lines iterated without building one giant string, JSON parsed with a one-line error.
// Readers never touch the file system; size limits and encodings are handled here, once.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { ProfileFormatError } from './errors.js';

/** Largest input held in memory at once (binary and JSON formats need all of it). */
export const MAX_IN_MEMORY_BYTES = 1024 * 1024 * 1024;
/** Largest text V8 can hold as one string is ~2^29 UTF-16 units; stay well below. */
export const MAX_TEXT_CHARS = 400 * 1024 * 1024;
/** A single line longer than this is not a profile line; stop instead of growing forever. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;
/** How much of the start of the input sniffers get to see. */
export const PROBE_BYTES = 64 * 1024;

const CHUNK_BYTES = 1024 * 1024;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Input to a reader. Bytes are decompressed already; text views are decoded lazily. */
export class ProfileSource {
  /** The name used in every error message (a path, or what the caller called the bytes). */
  readonly name: string;
  private memory: Uint8Array | undefined;
  private readonly path: string | undefined;
  private readonly fileSize: number;
  private headCache: Uint8Array | undefined;
  private textCache: string | undefined;
  private jsonCache: { value: unknown } | { error: string } | undefined;

  private constructor(name: string, memory: Uint8Array | undefined, path: string | undefined, size: number) {
    this.name = name;
    this.memory = memory;
    this.path = path;
    this.fileSize = size;
  }

  /** A source over bytes already in memory; gzip is undone here. */
  static fromBytes(bytes: Uint8Array, name: string): ProfileSource {
    const plain = isGzip(bytes) ? gunzip(bytes, name) : bytes;
    return new ProfileSource(name, plain, undefined, plain.length);
  }

  /**
   * A source over a file. Line-based readers stream it in chunks (so memory does not grow with
   * the file); binary and JSON readers load it whole, up to MAX_IN_MEMORY_BYTES.
   */
  static fromFile(path: string, name = path): ProfileSource {
    let size: number;
    try {
      const stat = fs.statSync(path);
      if (!stat.isFile()) throw new ProfileFormatError(name, 'not a regular file');
      size = stat.size;
    } catch (err) {
      if (err instanceof ProfileFormatError) throw err;
      throw new ProfileFormatError(name, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    const source = new ProfileSource(name, undefined, path, size);
    const head = source.head();
    if (isGzip(head)) {
      if (size > MAX_IN_MEMORY_BYTES) throw new ProfileFormatError(name, `compressed file too large (${size} bytes)`);
      return ProfileSource.fromBytes(readWhole(path, name, size), name);
    }
    return source;
  }

  /** Size of the (decompressed) input in bytes. */
  get size(): number {
    return this.fileSize;
  }

  /** The first PROBE_BYTES bytes, for sniffing. */
  head(): Uint8Array {
    if (this.headCache) return this.headCache;
    if (this.memory) return (this.headCache = this.memory.subarray(0, PROBE_BYTES));
    const fd = openFile(this.path!, this.name);
    try {
      const buf = new Uint8Array(Math.min(PROBE_BYTES, this.fileSize));
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      return (this.headCache = buf.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The decoded start of the text (for sniffing), BOM removed. Never throws. */
  headText(): string {
    const head = this.head();
    const enc = detectEncoding(head);
    const start = bomLength(head, enc);
    return new TextDecoder(enc).decode(head.subarray(start));
  }

  /** All bytes. Loads a file source into memory (up to MAX_IN_MEMORY_BYTES). */
  bytes(): Uint8Array {
    if (this.memory) return this.memory;
    if (this.fileSize > MAX_IN_MEMORY_BYTES) {
      throw new ProfileFormatError(this.name, `file too large for this format (${this.fileSize} bytes, limit ${MAX_IN_MEMORY_BYTES})`);
    }
    this.memory = readWhole(this.path!, this.name, this.fileSize);
    return this.memory;
  }

  /** The whole input as one string. Use `lines()` for line formats. */
  text(): string {
    if (this.textCache !== undefined) return this.textCache;
    const bytes = this.bytes();
    const enc = detectEncoding(bytes);
    const maxChars = enc === 'utf-8' ? bytes.length : bytes.length / 2;
    if (maxChars > MAX_TEXT_CHARS) throw new ProfileFormatError(this.name, `text too large to hold as one string (${bytes.length} bytes)`);
    this.textCache = new TextDecoder(enc).decode(bytes.subarray(bomLength(bytes, enc)));
    return this.textCache;
  }

  /** The input parsed as JSON, or a ProfileFormatError saying where parsing stopped. */
  json(): unknown {
    if (!this.jsonCache) {
      try {
        this.jsonCache = { value: JSON.parse(this.text()) as unknown };
      } catch (err) {
        if (err instanceof ProfileFormatError) throw err;
        this.jsonCache = { error: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` };
      }
    }
    if ('error' in this.jsonCache) throw new ProfileFormatError(this.name, this.jsonCache.error);
    return this.jsonCache.value;
  }

  /**
   * The text's lines without their line terminators (`\n`, `\r\n`; a lone trailing `\r` is
   * dropped too). UTF-8 input is decoded chunk by chunk, so a huge file never becomes one
   * string; a line longer than MAX_LINE_CHARS is an error.
   */
  *lines(): Generator<string, void, undefined> {
    const enc = detectEncoding(this.head());
    if (enc !== 'utf-8') {
      yield* splitLines(this.text(), this.name);
      return;
    }
    const decoder = new TextDecoder('utf-8');
    let carry = '';
    let first = true;
    let lineNo = 0;
    for (const chunk of this.chunks()) {
      // `stream: true` keeps a character split across two chunks intact.
      let text = decoder.decode(first ? chunk.subarray(bomLength(chunk, 'utf-8')) : chunk, { stream: true });
      first = false;
      if (carry.length > 0) text = carry + text;
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        lineNo++;
        yield stripCr(text, start, nl);
        start = nl + 1;
      }
      carry = start === 0 ? text : text.slice(start);
      if (carry.length > MAX_LINE_CHARS) throw new ProfileFormatError(this.name, `line ${lineNo + 1}: longer than ${MAX_LINE_CHARS} characters`);
    }
    carry += decoder.decode();
    if (carry.length > 0) yield stripCr(carry, 0, carry.length);
  }

  /** The text encoding of the input (by BOM, or by the zero bytes of BOM-less UTF-16). */
  encoding(): TextEncodingName {
    return detectEncoding(this.head());
  }

  /**
   * The raw (decompressed) bytes in consecutive chunks, for readers that scan bytes without
   * decoding them. A chunk is only valid until the next one is requested (the buffer is reused).
   */
  *chunks(): Generator<Uint8Array, void, undefined> {
    if (this.memory) {
      for (let at = 0; at < this.memory.length; at += CHUNK_BYTES) yield this.memory.subarray(at, at + CHUNK_BYTES);
      return;
    }
    const fd = openFile(this.path!, this.name);
    try {
      const buf = new Uint8Array(CHUNK_BYTES);
      let pos = 0;
      for (;;) {
        const n = fs.readSync(fd, buf, 0, buf.length, pos);
        if (n <= 0) break;
        pos += n;
        yield buf.subarray(0, n);
      }
    } finally {
      fs.closeSync(fd);
    }
  }
}

function* splitLines(text: string, name: string): Generator<string, void, undefined> {
  let start = 0;
  let lineNo = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lineNo++;
    if (end - start > MAX_LINE_CHARS) throw new ProfileFormatError(name, `line ${lineNo}: longer than ${MAX_LINE_CHARS} characters`);
    if (nl < 0) {
      if (end > start) yield stripCr(text, start, end);
      return;
    }
    yield stripCr(text, start, end);
    start = nl + 1;
  }
}

function stripCr(text: string, start: number, end: number): string {
  return end > start && text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
}

/**
 * A copy of a string that shares no memory with the text it was cut from. Lines from `lines()`
 * are slices of a multi-megabyte chunk; a slice kept as a map key would keep that whole chunk
 * alive, so memory would grow with the file instead of with what is kept.
 */
export function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Uint8Array, name: string): Uint8Array {
  try {
    return zlib.gunzipSync(bytes, { maxOutputLength: MAX_IN_MEMORY_BYTES });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new ProfileFormatError(name, `gzip content larger than ${MAX_IN_MEMORY_BYTES} bytes`);
    throw new ProfileFormatError(name, `corrupt gzip data (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Text encoding by byte-order mark, or by the zero-byte pattern of BOM-less UTF-16. */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  // BOM-less UTF-16 of ASCII-heavy text: every other byte is zero in the first characters.
  if (bytes.length >= 8) {
    let evenZero = 0;
    let oddZero = 0;
    const n = Math.min(bytes.length & ~1, 64);
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenZero++;
      if (bytes[i + 1] === 0) oddZero++;
    }
    const pairs = n / 2;
    if (oddZero === pairs && evenZero === 0) return 'utf-16le';
    if (evenZero === pairs && oddZero === 0) return 'utf-16be';
  }
  return 'utf-8';
}

function bomLength(bytes: Uint8Array, enc: TextEncodingName): number {
  if (enc === 'utf-8') return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (enc === 'utf-16le') return bytes[0] === 0xff && bytes[1] === 0xfe ? 2 : 0;
  return bytes[0] === 0xfe && bytes[1] === 0xff ? 2 : 0;
}

function openFile(path: string, name: string): number {
  try {
    return fs.openSync(path, 'r');
  } catch (err) {
    throw new ProfileFormatError(name, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function readWhole(path: string, name: string, size: number): Uint8Array {
  if (size > MAX_IN_MEMORY_BYTES) throw new ProfileFormatError(name, `file too large (${size} bytes, limit ${MAX_IN_MEMORY_BYTES})`);
  try {
    return fs.readFileSync(path);
  } catch (err) {
    throw new ProfileFormatError(name, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
