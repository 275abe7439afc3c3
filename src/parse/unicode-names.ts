// Looks up Unicode character names for `\N{...}` escapes: the generated front-coded table is
// decoded into a Map on first use; algorithmic names (CJK, Hangul, ...) are computed.

import { ALGORITHMIC_RANGES, ALIASES, NAMES } from './unicode-names-data.js';

let table: Map<string, number> | null = null;

function load(): Map<string, number> {
  const map = new Map<string, number>();
  let prev = '';
  let cp = -1;
  for (const entry of NAMES.split('\n')) {
    const shared = entry.charCodeAt(0) - 48;
    const tab = entry.indexOf('\t');
    const rest = tab < 0 ? entry.slice(1) : entry.slice(1, tab);
    cp += tab < 0 ? 1 : parseInt(entry.slice(tab + 1), 36);
    prev = prev.slice(0, shared) + rest;
    map.set(prev, cp);
  }
  for (const line of ALIASES.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) map.set(line.slice(0, tab), parseInt(line.slice(tab + 1), 16));
  }
  return map;
}

const JAMO_L = ['G', 'GG', 'N', 'D', 'DD', 'R', 'M', 'B', 'BB', 'S', 'SS', '', 'J', 'JJ', 'C', 'K', 'T', 'P', 'H'];
const JAMO_V = ['A', 'AE', 'YA', 'YAE', 'EO', 'E', 'YEO', 'YE', 'O', 'WA', 'WAE', 'OE', 'YO', 'U', 'WEO', 'WE', 'WI', 'YU', 'EU', 'YI', 'I'];
const JAMO_T = ['', 'G', 'GG', 'GS', 'N', 'NJ', 'NH', 'D', 'L', 'LG', 'LM', 'LB', 'LS', 'LT', 'LP', 'LH', 'M', 'B', 'BS', 'S', 'SS', 'NG', 'J', 'C', 'K', 'T', 'P', 'H'];

function hangul(rest: string): number | undefined {
  // longest-match decomposition L V T, as the Unicode algorithm defines the names
  for (let l = 0; l < JAMO_L.length; l++) {
    if (!rest.startsWith(JAMO_L[l])) continue;
    const r1 = rest.slice(JAMO_L[l].length);
    for (let v = 0; v < JAMO_V.length; v++) {
      if (!r1.startsWith(JAMO_V[v])) continue;
      const r2 = r1.slice(JAMO_V[v].length);
      const t = JAMO_T.indexOf(r2);
      if (t >= 0) return 0xac00 + (l * 21 + v) * 28 + t;
    }
  }
  return undefined;
}

/** The code point named `name` (case-insensitive like CPython), or undefined. */
export function lookupUnicodeName(name: string): number | undefined {
  const upper = name.toUpperCase();
  if (upper.startsWith('HANGUL SYLLABLE ')) {
    const cp = hangul(upper.slice(16));
    if (cp !== undefined) return cp;
  }
  const dash = upper.lastIndexOf('-');
  if (dash > 0) {
    const prefix = upper.slice(0, dash);
    const hex = upper.slice(dash + 1);
    if (/^[0-9A-F]{4,6}$/.test(hex)) {
      const cp = parseInt(hex, 16);
      for (const [p, lo, hi] of ALGORITHMIC_RANGES) if (p === prefix && cp >= lo && cp <= hi) return cp;
    }
  }
  if (table === null) table = load();
  return table.get(upper);
}
