// Token kinds shared by the tokenizer and the parser. Plain numbers (const enum) so the parser
// dispatches on small integers; every operator and hard keyword has a kind of its own.

export const enum T {
  EOF = 0, NAME, NUMBER, STRING, NEWLINE, INDENT, DEDENT, FSTRING_START, FSTRING_MIDDLE, FSTRING_END,
  /** Where the tokenizer failed (Tokens.error says why); nothing follows but EOF. */
  ERROR,
  /** A character no Python token starts with (`$`, `?`, a backtick): the parser refuses it. */
  UNKNOWN,
  LPAR, RPAR, LSQB, RSQB, LBRACE, RBRACE, COLON, COMMA, SEMI, DOT, ELLIPSIS, AT, RARROW, COLONEQUAL, EXCLAMATION,
  EQUAL,
  // augmented assignment operators, contiguous (see isAugAssign)
  PLUSEQUAL, MINEQUAL, STAREQUAL, SLASHEQUAL, PERCENTEQUAL, AMPEREQUAL, VBAREQUAL, CIRCUMFLEXEQUAL,
  LEFTSHIFTEQUAL, RIGHTSHIFTEQUAL, DOUBLESTAREQUAL, DOUBLESLASHEQUAL, ATEQUAL,
  // binary / unary operators
  PLUS, MINUS, STAR, SLASH, DOUBLESLASH, PERCENT, DOUBLESTAR, VBAR, AMPER, CIRCUMFLEX, TILDE, LEFTSHIFT, RIGHTSHIFT,
  // comparison operators
  EQEQUAL, NOTEQUAL, LESS, GREATER, LESSEQUAL, GREATEREQUAL,
  /** `<>`: only meaningful under `barry_as_FLUFL`; a syntax error otherwise. */
  LTGT,
  // hard keywords
  FALSE, NONE, TRUE, AND, AS, ASSERT, ASYNC, AWAIT, BREAK, CLASS, CONTINUE, DEF, DEL, ELIF, ELSE, EXCEPT,
  FINALLY, FOR, FROM, GLOBAL, IF, IMPORT, IN, IS, LAMBDA, NONLOCAL, NOT, OR, PASS, RAISE, RETURN, TRY, WHILE,
  WITH, YIELD,
}

export const KEYWORDS: ReadonlyMap<string, T> = new Map<string, T>([
  ['False', T.FALSE], ['None', T.NONE], ['True', T.TRUE], ['and', T.AND], ['as', T.AS], ['assert', T.ASSERT],
  ['async', T.ASYNC], ['await', T.AWAIT], ['break', T.BREAK], ['class', T.CLASS], ['continue', T.CONTINUE],
  ['def', T.DEF], ['del', T.DEL], ['elif', T.ELIF], ['else', T.ELSE], ['except', T.EXCEPT],
  ['finally', T.FINALLY], ['for', T.FOR], ['from', T.FROM], ['global', T.GLOBAL], ['if', T.IF],
  ['import', T.IMPORT], ['in', T.IN], ['is', T.IS], ['lambda', T.LAMBDA], ['nonlocal', T.NONLOCAL],
  ['not', T.NOT], ['or', T.OR], ['pass', T.PASS], ['raise', T.RAISE], ['return', T.RETURN], ['try', T.TRY],
  ['while', T.WHILE], ['with', T.WITH], ['yield', T.YIELD],
]);

/** Source text of fixed tokens, for error messages ("expected ':'"). */
export function tokenText(kind: T): string {
  switch (kind) {
    case T.LPAR: return '(';
    case T.RPAR: return ')';
    case T.LSQB: return '[';
    case T.RSQB: return ']';
    case T.LBRACE: return '{';
    case T.RBRACE: return '}';
    case T.COLON: return ':';
    case T.COMMA: return ',';
    case T.EQUAL: return '=';
    case T.IN: return 'in';
    case T.IMPORT: return 'import';
    case T.AS: return 'as';
    case T.NEWLINE: return 'NEWLINE';
    case T.INDENT: return 'INDENT';
    default:
      for (const [word, k] of KEYWORDS) if (k === kind) return word;
      return 'token';
  }
}
