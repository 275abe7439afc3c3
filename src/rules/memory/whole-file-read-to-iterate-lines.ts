// HS203: `for line in f.readlines()` / `f.read().splitlines()` / `f.read().split("\n")`: the whole
// file is read into memory (and copied into a list) only to walk it line by line.
import type { Call, comprehension, expr, For, Node } from '../../parse/ast.js';
import type { SemanticModel } from '../../semantic/index.js';
import { Edit, Fix } from '../../fix/fix.js';
import { defineRule, type RuleContext } from '../types.js';

type Form = 'readlines' | 'splitlines' | 'split';

interface Data {
  /** The iterable as written, shortened. */
  iterable: string;
  /** The file expression (`f`, `open(path)`). */
  file: string;
  form: Form;
}

/** Functions returning a file object. */
const FILE_OPENERS = new Set(['builtins.open', 'io.open', 'codecs.open', 'gzip.open', 'bz2.open', 'lzma.open', 'tarfile.TarFile.extractfile']);

export default defineRule<Data>({
  code: 'HS203',
  name: 'whole-file-read-to-iterate-lines',
  family: 'memory',
  severity: 'medium',
  fix: 'sometimes',
  fixSafety:
    'Only `for line in f.readlines()` gets a fix (`for line in f`), marked unsafe: it yields the same lines, but ' +
    'reads lazily, so a loop body that changes the file on disk through another handle sees different data. ' +
    '`read().splitlines()` / `read().split("\\n")` drop the line endings (and `splitlines` also splits on `\\x0b`, ' +
    '`\\x0c`, `\\u2028`…), so rewriting them needs `line.rstrip("\\n")`: no automatic fix.',
  micro: false,
  status: 'preview',
  since: '0.1.0',
  whatItDoes:
    'Finds a `for` loop or comprehension over `f.readlines()`, `f.read().splitlines()` or `f.read().split("\\n")` ' +
    'where `f` is certainly a file object (`open(...)`, `io.open`, `codecs.open`, `gzip.open`…, directly or through a ' +
    '`with … as f` / `f = open(...)` name) and the loop body does not use `f` itself.',
  whySlow:
    'Reading the whole file first needs O(file size) memory for the text plus a list of N line strings, and nothing ' +
    'is processed until the last byte is read. Iterating the file object reads it in buffered chunks: O(longest ' +
    'line) memory, and the first line is handled at once.',
  example: 'def count_errors(path):\n    with open(path) as f:\n        return sum(1 for line in f.readlines() if "ERROR" in line)\n',
  useInstead: 'def count_errors(path):\n    with open(path) as f:\n        return sum(1 for line in f if "ERROR" in line)\n',
  evidence:
    'The tutorial: "For reading lines from a file, you can loop over the file object. This is memory efficient, fast, ' +
    'and leads to simple code" (https://docs.python.org/3/tutorial/inputoutput.html#methods-of-file-objects).',
  knownLimits:
    'When not to: for small files the difference is negligible, and when the loop needs all lines at once (random ' +
    'access, reading the file again in the body) a list is right. Only file objects the rule can see being opened ' +
    'are recognised; `Path.read_text().splitlines()` and file-like parameters are not flagged.',
  alsoKnownAs: ['FURB129'],
  message: (d) => `\`${d.iterable}\` reads the whole file into memory just to loop over its lines; iterate \`${d.file}\` directly`,
  fixTitle: (d) => `Iterate \`${d.file}\` directly`,
  create(ctx) {
    const check = (loop: For | comprehension, iter: expr): void => {
      const found = wholeFileRead(() => ctx.semantic, iter);
      if (!found) return;
      if (found.file._type === 'Name' && usedInLoop(ctx.semantic, found.file, loop)) return;
      const data: Data = { iterable: shorten(ctx.textOf(iter)), file: shorten(ctx.textOf(found.file)), form: found.form };
      ctx.report(iter, data, found.form === 'readlines' ? buildFix(ctx, iter, found.file) : null);
    };
    return {
      For(node) {
        check(node, node.iter);
      },
      comprehension(node) {
        check(node, node.iter);
      },
    };
  },
});

/** The file object and the form, when `iter` is one of the three whole-file reads of a known file. */
/** `semantic` is asked for only once the syntactic shape matched: most files never need the model here. */
function wholeFileRead(semantic: () => SemanticModel, iter: expr): { file: expr; form: Form } | undefined {
  if (iter._type !== 'Call' || iter.func._type !== 'Attribute') return undefined;
  const method = iter.func.attr;
  let file: expr | undefined;
  let form: Form | undefined;
  if (method === 'readlines' && iter.args.length === 0 && iter.keywords.length === 0) {
    file = iter.func.value;
    form = 'readlines';
  } else if ((method === 'splitlines' && iter.args.length <= 1) || (method === 'split' && iter.args.length === 1 && isNewline(iter.args[0]!))) {
    const read = iter.func.value;
    if (read._type !== 'Call' || read.func._type !== 'Attribute' || read.func.attr !== 'read' || read.args.length > 0 || read.keywords.length > 0) return undefined;
    file = read.func.value;
    form = method === 'split' ? 'split' : 'splitlines';
  }
  if (!file || !form || !isFileObject(semantic(), file)) return undefined;
  return { file, form };
}

function isNewline(node: expr): boolean {
  if (node._type !== 'Constant') return false;
  const v = node.value;
  if (v === '\n') return true;
  return typeof v === 'object' && v !== null && 'kind' in v && v.kind === 'bytes' && v.bytes.length === 1 && v.bytes[0] === 10;
}

function isFileObject(semantic: SemanticModel, node: expr): boolean {
  if (node._type === 'Call') return isOpenCall(semantic, node);
  if (node._type === 'Attribute') return semantic.qualifiedName(node) === 'sys.stdin';
  if (node._type !== 'Name') return false;
  const binding = semantic.resolveName(node);
  if (!binding || binding.assignments.length !== 1) return false;
  const a = binding.assignments[0]!;
  if (a.kind === 'assign') return a.value?._type === 'Call' && isOpenCall(semantic, a.value);
  if (a.kind === 'with') {
    const item = semantic.parentOf(a.node);
    return item?._type === 'withitem' && item.optional_vars === a.node && item.context_expr._type === 'Call' && isOpenCall(semantic, item.context_expr);
  }
  return false;
}

function isOpenCall(semantic: SemanticModel, call: Call): boolean {
  const q = semantic.qualifiedName(call.func);
  if (q && FILE_OPENERS.has(q)) return true;
  // Path(...).open(): a pathlib path built right there
  const f = call.func;
  return f._type === 'Attribute' && f.attr === 'open' && f.value._type === 'Call' && semantic.qualifiedName(f.value.func) === 'pathlib.Path';
}

/** Is the file's name used in the part of the loop that repeats (body, else, other clauses)? */
function usedInLoop(semantic: SemanticModel, file: expr & { _type: 'Name' }, loop: For | comprehension): boolean {
  const binding = semantic.resolveName(file);
  if (!binding) return true;
  const owner: Node = loop._type === 'comprehension' ? semantic.parentOf(loop)! : loop;
  return semantic.referencesOf(binding).some((ref) => ref !== file && isInside(semantic, ref, owner) && !isInside(semantic, ref, loop.iter));
}

function isInside(semantic: SemanticModel, node: Node, ancestor: Node): boolean {
  for (let n: Node | undefined = node; n; n = semantic.parentOf(n)) if (n === ancestor) return true;
  return false;
}

function buildFix(ctx: RuleContext<Data>, iter: expr, file: expr): Fix {
  const start = ctx.offsetAt(iter.lineno, iter.col_offset);
  const end = ctx.offsetAt(iter.end_lineno, iter.end_col_offset);
  return Fix.unsafe(`Iterate \`${shorten(ctx.textOf(file))}\` directly`, [Edit.replace(start, end, ctx.textOf(file))]);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  return oneLine.length <= 60 ? oneLine : `${oneLine.slice(0, 57)}...`;
}
