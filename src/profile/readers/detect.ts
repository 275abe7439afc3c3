// Chooses the reader for an input, by content first, in ordered passes: binary signatures,
// file-name hints (only when the content does not contradict them), JSON structure, then the
// first lines of text. `--input-format` bypasses detection by naming a reader id.
import { ProfileFormatError } from '../errors.js';
import type { ProfileSource } from '../source.js';
import type { Probe, ProfileReader } from './types.js';

/** Which reader won and by which pass (shown under `--verbose`). */
export interface Detection {
  reader: ProfileReader;
  pass: 'override' | 'binary' | 'name' | 'content' | 'guess';
}

/** The reader with this id, or a one-line error listing the valid ids. */
export function readerById(readers: readonly ProfileReader[], id: string, file: string): ProfileReader {
  const reader = readers.find((r) => r.id === id);
  if (!reader) throw new ProfileFormatError(file, `unknown input format ${JSON.stringify(id)} (known: ${readers.map((r) => r.id).join(', ')})`);
  return reader;
}

export function detectReader(source: ProfileSource, readers: readonly ProfileReader[], format?: string): Detection {
  if (format !== undefined) return { reader: readerById(readers, format, source.name), pass: 'override' };
  if (source.size === 0) throw new ProfileFormatError(source.name, 'empty file');
  const probe = makeProbe(source);
  const sniffs = new Map<ProfileReader, ReturnType<ProfileReader['sniff']>>();
  const sniff = (r: ProfileReader) => {
    let s = sniffs.get(r);
    if (s === undefined) {
      try {
        s = r.sniff(probe);
      } catch {
        s = 'no'; // a sniffer must not throw; treat a bug as "not mine" rather than crash
      }
      sniffs.set(r, s);
    }
    return s;
  };
  // 1. Binary signatures (marshal stats files).
  const binary = readers.find((r) => r.id === 'cprofile')!;
  if (sniff(binary) === 'mine') return { reader: binary, pass: 'binary' };
  // 2. File-name hints, unless the content says otherwise.
  const lower = source.name.toLowerCase();
  const hinted = readers.filter((r) => r.nameHints.some((h) => lower.endsWith(h))).sort((a, b) => longestHint(b, lower) - longestHint(a, lower));
  for (const r of hinted) if (sniff(r) !== 'no') return { reader: r, pass: 'name' };
  // 3./4. Content: JSON structure and text lines, each reader judging its own format.
  for (const r of readers) if (sniff(r) === 'mine') return { reader: r, pass: 'content' };
  for (const r of readers) if (sniff(r) === 'maybe') return { reader: r, pass: 'guess' };
  // 5. Nothing recognises the content, but the name says what it should be: let that reader
  //    report what is wrong with it ("line 3: …") rather than a vague "unrecognised".
  if (hinted.length > 0) return { reader: hinted[0]!, pass: 'name' };
  throw new ProfileFormatError(source.name, `unrecognised profile format (known: ${readers.map((r) => r.id).join(', ')}); name one with --input-format`);
}

function longestHint(r: ProfileReader, name: string): number {
  return Math.max(0, ...r.nameHints.filter((h) => name.endsWith(h)).map((h) => h.length));
}

function makeProbe(source: ProfileSource): Probe {
  let text: string | undefined;
  let json: { value: unknown } | undefined;
  return {
    name: source.name,
    head: source.head(),
    headText: () => (text ??= source.headText()),
    json: () => {
      if (!json) {
        json = { value: undefined };
        const t = (text ??= source.headText());
        if (/^\s*[[{]/.test(t)) {
          try {
            json.value = source.json();
          } catch {
            // not JSON (or too large): the JSON readers will say "no"
          }
        }
      }
      return json.value;
    },
  };
}
