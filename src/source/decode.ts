// Source bytes → text the way CPython reads a module: a UTF-8 BOM, or a PEP 263 coding
// declaration on line 1 or 2, picks the codec; the default is UTF-8. Never throws.

export type DecodeResult =
  | { ok: true; text: string; encoding: string; bom: boolean }
  | { ok: false; encoding: string; reason: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
// PEP 263's regular expression, applied to a comment line.
const CODING_RE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/** Decode a Python source file's bytes. */
export function decodePythonSource(bytes: Uint8Array): DecodeResult {
  const bom = bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
  const body = bom ? bytes.subarray(3) : bytes;
  const declared = findCodingDeclaration(body);
  if (bom && declared !== undefined && !namesUtf8Exactly(declared)) {
    return { ok: false, encoding: declared, reason: `encoding problem: ${declared} with BOM (a file starting with a UTF-8 byte order mark may only declare utf-8)` };
  }
  const name = declared ?? 'utf-8';
  const codec = canonicalCodec(name);
  if (!codec) return { ok: false, encoding: name, reason: 'unknown encoding' };
  const decoded = decodeWith(codec, body);
  if (typeof decoded !== 'string') return { ok: false, encoding: name, reason: decoded.reason };
  return { ok: true, text: decoded, encoding: name, bom };
}

/**
 * After a BOM, CPython's tokenizer accepts only a declaration whose first 12 characters,
 * lowercased with `_` as `-`, read `utf-8` or start `utf-8-` (so not the `utf8`/`u8` aliases).
 */
function namesUtf8Exactly(declared: string): boolean {
  const normal = declared.slice(0, 12).toLowerCase().replace(/_/g, '-');
  return normal === 'utf-8' || normal.startsWith('utf-8-');
}

/** The encoding named by a PEP 263 declaration in the first two lines, if any. */
export function findCodingDeclaration(bytes: Uint8Array): string | undefined {
  const [first, second] = firstTwoLines(bytes);
  const onFirst = CODING_RE.exec(first);
  if (onFirst) return onFirst[1];
  // CPython looks at line 2 only when line 1 is blank or a comment.
  if (!/^[ \t\f]*(#.*)?$/.test(first)) return undefined;
  const onSecond = CODING_RE.exec(second);
  return onSecond ? onSecond[1] : undefined;
}

function firstTwoLines(bytes: Uint8Array): [string, string] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length && lines.length < 2; i++) {
    if (i === bytes.length || bytes[i] === 0x0a || bytes[i] === 0x0d) {
      // Declarations are ASCII; latin-1 keeps every byte one character so the regex sees them.
      lines.push(latin1(bytes.subarray(start, i)));
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) i++;
      start = i + 1;
    }
  }
  while (lines.length < 2) lines.push('');
  return [lines[0]!, lines[1]!];
}

type Codec = { kind: 'utf-8' } | { kind: 'latin-1' } | { kind: 'ascii' } | { kind: 'cp1252' } | { kind: 'whatwg'; label: string };

/**
 * Maps a Python codec name or alias to a decoder. Python's names are matched after lowercasing
 * and dropping `-`, `_`, space and `.`, as Python's own alias lookup is forgiving in the same way.
 * Latin-1 and ASCII are decoded by hand: the WHATWG labels with those names mean windows-1252.
 */
export function canonicalCodec(name: string): Codec | undefined {
  const key = name.toLowerCase().replace(/[-_ .]/g, '');
  if (/^utf8/.test(key) || key === 'u8' || key === 'utf' || key === 'cp65001') return { kind: 'utf-8' };
  if (['latin', 'l1', 'iso88591', '8859', 'cp819', 'iso885911987'].includes(key) || /^(iso)?latin1(?!\d)/.test(key))
    return { kind: 'latin-1' };
  // Node's TextDecoder decodes windows-1252 as latin-1 (bytes 0x80-0x9f come out as C1 controls).
  if (key === 'cp1252' || key === 'windows1252') return { kind: 'cp1252' };
  if (['ascii', 'usascii', '646', 'ansix3.41968', 'ansix341968'].includes(key)) return { kind: 'ascii' };
  const label = WHATWG_BY_PYTHON_NAME[key] ?? isoOrWindows(key);
  if (!label) return undefined;
  try {
    new TextDecoder(label);
  } catch {
    return undefined; // this Node build lacks the codec (no full ICU)
  }
  return { kind: 'whatwg', label };
}

const LATIN_N: Record<string, number> = { 2: 2, 3: 3, 4: 4, 5: 9, 6: 10, 7: 13, 8: 14, 9: 15, 10: 16 };
// WHATWG has no ISO-8859-9/11/12 decoders of its own (its labels mean other codecs).
const WHATWG_ISO = new Set([2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16]);

function isoOrWindows(key: string): string | undefined {
  let m = /^iso8859(\d+)$/.exec(key) ?? /^iso(\d+)$/.exec(key) ?? /^8859(\d+)$/.exec(key);
  if (m) return WHATWG_ISO.has(Number(m[1])) ? `iso-8859-${Number(m[1])}` : undefined;
  m = /^latin(\d+)$/.exec(key) ?? /^l(\d+)$/.exec(key);
  if (m) {
    const iso = LATIN_N[m[1]!];
    return iso !== undefined && WHATWG_ISO.has(iso) ? `iso-8859-${iso}` : undefined;
  }
  m = /^(?:cp|windows)(125[0-8])$/.exec(key);
  if (m) return `windows-${m[1]}`;
  return undefined;
}

const WHATWG_BY_PYTHON_NAME: Record<string, string> = {
  cyrillic: 'iso-8859-5',
  arabic: 'iso-8859-6',
  greek: 'iso-8859-7',
  greek8: 'iso-8859-7',
  hebrew: 'iso-8859-8',
  cp874: 'windows-874',
  windows874: 'windows-874',
  cp866: 'ibm866',
  ibm866: 'ibm866',
  koi8r: 'koi8-r',
  koi8u: 'koi8-u',
  macroman: 'macintosh',
  macintosh: 'macintosh',
  maccyrillic: 'x-mac-cyrillic',
  eucjp: 'euc-jp',
  ujis: 'euc-jp',
  uujis: 'euc-jp',
  shiftjis: 'shift_jis',
  sjis: 'shift_jis',
  csshiftjis: 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  mskanji: 'shift_jis',
  iso2022jp: 'iso-2022-jp',
  gbk: 'gbk',
  cp936: 'gbk',
  ms936: 'gbk',
  gb2312: 'gbk',
  euccn: 'gbk',
  gb18030: 'gb18030',
  big5: 'big5',
  big5tw: 'big5',
  csbig5: 'big5',
  cp950: 'big5',
  ms950: 'big5',
  euckr: 'euc-kr',
  cp949: 'euc-kr',
  uhc: 'euc-kr',
  ksc5601: 'euc-kr',
};

function decodeWith(codec: Codec, bytes: Uint8Array): string | { reason: string } {
  switch (codec.kind) {
    case 'latin-1':
      return latin1(bytes);
    case 'ascii': {
      const bad = bytes.findIndex((b) => b > 0x7f);
      if (bad >= 0) return { reason: `byte 0x${bytes[bad]!.toString(16)} is not ASCII (line ${lineOfByte(bytes, bad)})` };
      return latin1(bytes);
    }
    case 'cp1252':
      return decodeCp1252(bytes);
    case 'utf-8':
      try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        const bad = firstInvalidUtf8(bytes);
        return { reason: `invalid UTF-8 byte sequence at line ${lineOfByte(bytes, bad)}` };
      }
    case 'whatwg':
      try {
        return new TextDecoder(codec.label, { fatal: true }).decode(bytes);
      } catch (err) {
        return { reason: err instanceof Error ? err.message : String(err) };
      }
  }
}

// Python's cp1252 for 0x80-0x9f; 0 marks the five bytes Python's strict codec refuses.
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeCp1252(bytes: Uint8Array): string | { reason: string } {
  const chars: string[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80 || b > 0x9f) {
      chars.push(String.fromCharCode(b));
      continue;
    }
    const cp = CP1252_HIGH[b - 0x80]!;
    if (cp === 0) return { reason: `byte 0x${b.toString(16)} is undefined in cp1252 (line ${lineOfByte(bytes, i)})` };
    chars.push(String.fromCharCode(cp));
  }
  return chars.join('');
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + CHUNK)));
  }
  return out;
}

function lineOfByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Byte index of the first byte that starts an invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) { i++; continue; }
    else if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
