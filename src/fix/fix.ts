// The language for describing a code change: an Edit replaces one range of a file's text, and a
// Fix groups edits with how safe they are to apply. Findings carry fixes; applying them comes later.

/**
 * How safe a fix is to apply, ordered from least to most trusted:
 * - `display-only`: shown to the user as a suggestion, never applied automatically;
 * - `unsafe`: valid code, but it may change behaviour (or drop comments); applied only on request;
 * - `safe`: keeps the program's meaning and its comments.
 */
export type Applicability = 'display-only' | 'unsafe' | 'safe';

/** Replace the text between two offsets (UTF-16 offsets into the decoded source) with `content`. */
export interface Edit {
  /** Start, inclusive: offset into the decoded source string. */
  start: number;
  /** End, exclusive. Equal to `start` for an insertion. */
  end: number;
  /** The replacement text; empty for a deletion. */
  content: string;
  /**
   * The same range as lines and columns; the engine fills it in when a finding is made, so
   * renderers need no source text. Structurally the diagnostics `Range`.
   */
  range?: {
    start: { line: number; column: number; byteColumn: number; offset: number };
    end: { line: number; column: number; byteColumn: number; offset: number };
  };
}

export interface Fix {
  /** Edits sorted by start offset, non-overlapping. */
  edits: Edit[];
  applicability: Applicability;
  /** What the fix does, e.g. "Replace `sorted(x)[0]` with `min(x)`". */
  title: string;
}

export const Edit = {
  replace(start: number, end: number, content: string): Edit {
    return { start, end, content };
  },
  insert(at: number, content: string): Edit {
    return { start: at, end: at, content };
  },
  delete(start: number, end: number): Edit {
    return { start, end, content: '' };
  },
};

function make(title: string, edits: Edit[], applicability: Applicability): Fix {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start < sorted[i - 1]!.end) throw new Error(`overlapping edits in fix "${title}"`);
  }
  return { edits: sorted, applicability, title };
}

export const Fix = {
  safe: (title: string, edits: Edit[]): Fix => make(title, edits, 'safe'),
  unsafe: (title: string, edits: Edit[]): Fix => make(title, edits, 'unsafe'),
  displayOnly: (title: string, edits: Edit[]): Fix => make(title, edits, 'display-only'),
};
