// Shape inference: what kind of container (list, tuple, set, dict, str…) an expression certainly
// evaluates to, from literals, constructor calls, methods, annotations and every assignment of a
// name or `self.attr`. Anything not certain is `unknown`: rules never act on a guess.
import type { expr, Node, Call, FunctionDef, AsyncFunctionDef } from '../parse/ast.js';
import type { Assignment, Binding, Scope } from './scopes.js';
import type { AttributeSlot } from './attributes.js';

export type ShapeKind =
  | 'list'
  | 'tuple'
  | 'set'
  | 'frozenset'
  | 'dict'
  | 'dict-keys' // dict.keys(): set-like, O(1) membership
  | 'dict-values' // dict.values(): membership scans every value, O(N)
  | 'str'
  | 'bytes'
  | 'number'
  | 'range' // O(1) membership for ints
  | 'deque'
  | 'sequence' // typing.Sequence & co: some sequence, membership cost unknown
  | 'unknown';

export interface Shape {
  readonly kind: ShapeKind;
  /** Known exact number of elements (literals never grown anywhere). */
  readonly length?: number;
  /** Every element is a constant (`('a', 'b')`): a fixed, usually tiny table. */
  readonly constantElements?: boolean;
  /** The container comes only from literals (never from a call, comprehension or growth). */
  readonly literal?: boolean;
}

export const UNKNOWN: Shape = { kind: 'unknown' };
const NUMBER: Shape = { kind: 'number' };
const STR: Shape = { kind: 'str' };
const BYTES: Shape = { kind: 'bytes' };
const LIST: Shape = { kind: 'list' };
const TUPLE: Shape = { kind: 'tuple' };
const SET: Shape = { kind: 'set' };
const DICT: Shape = { kind: 'dict' };
/** Internal: contributes nothing (None, `del`, augmented assignment, recursion on itself). */
const NEUTRAL: Shape = { kind: 'unknown', length: -1 };

export type ContainerRef = Binding | AttributeSlot;

/** What shape inference needs from the model. */
export interface ShapeHost {
  qualifiedName(node: expr): string | undefined;
  containerRef(node: expr): ContainerRef | undefined;
  /** Is the container grown in place anywhere (append/extend/insert/add/+=…)? */
  isGrownAnywhere(ref: ContainerRef): boolean;
  /** Names of the methods called on the container (`x.append(…)` → `append`). */
  methodsCalledOn(ref: ContainerRef): ReadonlySet<string>;
  /** The function scope of a def in this module. */
  scopeOfDef(def: FunctionDef | AsyncFunctionDef): Scope | undefined;
}

const CONSTRUCTORS: Record<string, Shape> = {
  'builtins.list': LIST,
  'builtins.sorted': LIST,
  'builtins.tuple': TUPLE,
  'builtins.set': SET,
  'builtins.frozenset': { kind: 'frozenset' },
  'builtins.dict': DICT,
  'builtins.str': STR,
  'builtins.repr': STR,
  'builtins.ascii': STR,
  'builtins.chr': STR,
  'builtins.format': STR,
  'builtins.hex': STR,
  'builtins.oct': STR,
  'builtins.bin': STR,
  'builtins.bytes': BYTES,
  'builtins.len': NUMBER,
  'builtins.int': NUMBER,
  'builtins.float': NUMBER,
  'builtins.ord': NUMBER,
  'builtins.range': { kind: 'range' },
  'collections.deque': { kind: 'deque' },
  'collections.OrderedDict': DICT,
  'collections.defaultdict': DICT,
  'collections.Counter': DICT,
  're.split': LIST,
  're.findall': LIST,
  'shlex.split': LIST,
  'os.listdir': LIST,
  'glob.glob': LIST,
  'os.path.split': TUPLE,
  'os.path.splitext': TUPLE,
  'os.path.join': STR,
  'os.path.basename': STR,
  'os.path.dirname': STR,
  'os.path.abspath': STR,
  'os.path.normpath': STR,
  'os.getcwd': STR,
  'copy.copy': UNKNOWN,
};

const ANNOTATIONS: Record<string, Shape> = {
  'builtins.list': LIST,
  'typing.List': LIST,
  'builtins.tuple': TUPLE,
  'typing.Tuple': TUPLE,
  'builtins.set': SET,
  'typing.Set': SET,
  'builtins.frozenset': { kind: 'frozenset' },
  'typing.FrozenSet': { kind: 'frozenset' },
  'builtins.dict': DICT,
  'typing.Dict': DICT,
  'typing.DefaultDict': DICT,
  'typing.OrderedDict': DICT,
  'collections.OrderedDict': DICT,
  'collections.defaultdict': DICT,
  'builtins.str': STR,
  'typing.Text': STR,
  'builtins.bytes': BYTES,
  'builtins.int': NUMBER,
  'builtins.float': NUMBER,
  'builtins.range': { kind: 'range' },
  'collections.deque': { kind: 'deque' },
  'typing.Deque': { kind: 'deque' },
  'typing.Sequence': { kind: 'sequence' },
  'typing.MutableSequence': { kind: 'sequence' },
  'collections.abc.Sequence': { kind: 'sequence' },
  'collections.abc.MutableSequence': { kind: 'sequence' },
};

/** Methods a container of this shape does not have: calling one means the shape is wrong. */
const LIST_ONLY = ['append', 'extend', 'insert', 'index', 'sort', 'reverse'];
const SET_ONLY = ['add', 'discard', 'union', 'intersection', 'difference', 'issubset', 'issuperset'];
const FOREIGN_METHODS: Partial<Record<ShapeKind, ReadonlySet<string>>> = {
  list: new Set([...SET_ONLY, 'keys', 'values', 'items', 'popleft', 'appendleft']),
  tuple: new Set([...SET_ONLY, ...LIST_ONLY.filter((m) => m !== 'index'), 'keys', 'values', 'items', 'popleft']),
  set: new Set([...LIST_ONLY, 'keys', 'values', 'items', 'popleft']),
  dict: new Set([...LIST_ONLY, 'add', 'discard', 'popleft']),
  str: new Set([...LIST_ONLY.filter((m) => m !== 'index'), ...SET_ONLY, 'keys', 'values', 'items', 'decode', 'popleft']),
  deque: new Set([...SET_ONLY, 'keys', 'values', 'items']),
};

/** String methods that return a str when called on a str. */
const STR_TO_STR = new Set([
  'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold', 'title', 'capitalize', 'swapcase',
  'replace', 'format', 'format_map', 'join', 'center', 'ljust', 'rjust', 'zfill', 'expandtabs',
  'removeprefix', 'removesuffix', 'translate',
]);

/** Nesting of shape questions (operands, names' values, annotations) past which the answer is unknown. */
const MAX_INFER_DEPTH = 400;

export class ShapeInference {
  private readonly refCache = new Map<ContainerRef, Shape>();
  private readonly inProgress = new Set<ContainerRef>();
  private readonly returnCache = new Map<Node, Shape>();

  constructor(private readonly host: ShapeHost) {}

  shapeOf(node: expr): Shape {
    const shape = this.infer(node);
    return shape === NEUTRAL ? UNKNOWN : shape;
  }

  /** The shape of every value a name or attribute slot is given, when they all agree. */
  shapeOfRef(ref: ContainerRef): Shape {
    const cached = this.refCache.get(ref);
    if (cached) return cached;
    if (this.inProgress.has(ref)) return NEUTRAL; // `x = x + [1]`: the name itself adds nothing new
    this.inProgress.add(ref);
    let result: Shape;
    try {
      result = this.combine(ref);
    } finally {
      this.inProgress.delete(ref);
    }
    this.refCache.set(ref, result);
    return result;
  }

  private combine(ref: ContainerRef): Shape {
    let agreed: Shape | undefined;
    let grownByAugment = false;
    for (const a of ref.assignments) {
      const shape = this.assignmentShape(a);
      if (shape === NEUTRAL) {
        if (a.kind === 'augmented') grownByAugment = true;
        continue;
      }
      if (shape.kind === 'unknown') return UNKNOWN;
      if (!agreed) agreed = shape;
      else if (agreed.kind !== shape.kind) return UNKNOWN;
      else if (agreed.length !== shape.length || !agreed.constantElements !== !shape.constantElements || !agreed.literal !== !shape.literal) {
        agreed = { kind: agreed.kind, literal: !!agreed.literal && !!shape.literal };
      }
    }
    if (!agreed) return UNKNOWN;
    // usage must not contradict the shape (`items: list` then `items.add(x)`: the annotation lies)
    const foreign = FOREIGN_METHODS[agreed.kind];
    if (foreign) {
      for (const m of this.host.methodsCalledOn(ref)) if (foreign.has(m)) return UNKNOWN;
    }
    if (agreed.length !== undefined || agreed.constantElements) {
      if (grownByAugment || this.host.isGrownAnywhere(ref)) return { kind: agreed.kind };
    }
    return agreed;
  }

  private assignmentShape(a: Assignment): Shape {
    switch (a.kind) {
      case 'augmented':
      case 'delete':
        return NEUTRAL;
      case 'parameter':
        return a.annotation ? this.annotationShape(a.annotation) : UNKNOWN;
      case 'annotated': {
        const fromAnnotation = this.annotationShape(a.annotation!);
        if (fromAnnotation.kind !== 'unknown') {
          // `x: list[int] = []`: prefer the literal's richer facts when it agrees
          const fromValue = a.value ? this.infer(a.value) : NEUTRAL;
          return fromValue.kind === fromAnnotation.kind ? fromValue : fromAnnotation;
        }
        return a.value ? this.infer(a.value) : NEUTRAL;
      }
      case 'assign':
      case 'walrus':
        return a.value ? this.infer(a.value) : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  /** How deep `infer` is nested: see MAX_INFER_DEPTH. */
  private depth = 0;

  private infer(node: expr): Shape {
    // Generated expressions thousands deep (`a + a + …`, which CPython accepts) would overflow
    // the JS stack; no real shape depends on operands that deep, so past the limit it is unknown.
    if (this.depth >= MAX_INFER_DEPTH) return UNKNOWN;
    this.depth++;
    try {
      return this.inferNode(node);
    } finally {
      this.depth--;
    }
  }

  private inferNode(node: expr): Shape {
    switch (node._type) {
      case 'List':
        return sequenceLiteral('list', node.elts);
      case 'Tuple':
        return sequenceLiteral('tuple', node.elts);
      case 'Set':
        return sequenceLiteral('set', node.elts);
      case 'Dict':
        return DICT;
      case 'ListComp': {
        // `[f(c) for c in ("a", "b")]`: as many elements as the fixed literal it maps
        const gen = node.generators[0]!;
        if (node.generators.length === 1 && gen.ifs.length === 0) {
          const n = this.knownLength(gen.iter);
          if (n !== undefined) return { kind: 'list', length: n };
        }
        return LIST;
      }
      case 'SetComp':
        return SET;
      case 'DictComp':
        return DICT;
      case 'JoinedStr':
        return STR;
      case 'Constant': {
        const v = node.value;
        if (v === null) return NEUTRAL;
        if (typeof v === 'string') return STR;
        if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return NUMBER;
        if (typeof v === 'object' && (v.kind === 'float' || v.kind === 'complex')) return NUMBER;
        if (typeof v === 'object' && v.kind === 'bytes') return BYTES;
        return UNKNOWN;
      }
      case 'Name':
      case 'Attribute': {
        if (node._type === 'Attribute') {
          const ref = this.host.containerRef(node);
          return ref ? this.shapeOfRef(ref) : UNKNOWN;
        }
        const ref = this.host.containerRef(node);
        if (ref) return this.shapeOfRef(ref);
        return UNKNOWN;
      }
      case 'NamedExpr':
        return this.infer(node.value);
      case 'IfExp':
        return agree(this.infer(node.body), this.infer(node.orelse));
      case 'BinOp':
        return this.binOp(node.op._type, node.left, node.right);
      case 'Subscript':
        if (node.slice._type === 'Slice') {
          const base = this.infer(node.value);
          if (base.kind === 'list' || base.kind === 'tuple' || base.kind === 'str' || base.kind === 'bytes') return { kind: base.kind };
        }
        return UNKNOWN;
      case 'Call':
        return this.call(node);
      default:
        return UNKNOWN;
    }
  }

  private knownLength(node: expr): number | undefined {
    if (node._type === 'Constant') return typeof node.value === 'string' ? [...node.value].length : undefined;
    const shape = this.infer(node);
    return shape === NEUTRAL ? undefined : shape.length;
  }

  private binOp(op: string, left: expr, right: expr): Shape {
    const l = this.infer(left);
    if (op === 'Add') {
      if (l.kind === 'list' || l.kind === 'tuple') {
        // `BASE + ["x"]` of two fixed literals is a fixed literal too
        const r = this.infer(right);
        if (l.length !== undefined && r.kind === l.kind && r.length !== undefined) {
          return { kind: l.kind, length: l.length + r.length, literal: !!l.literal && !!r.literal };
        }
        return { kind: l.kind };
      }
      if (l.kind === 'str' || l.kind === 'bytes') return { kind: l.kind };
      const r = this.infer(right);
      if (l === NEUTRAL) return r.kind === 'unknown' ? NEUTRAL : { kind: r.kind };
      // `x = item + x`: like `x += item`, a name combined with itself adds no new shape
      if (r === NEUTRAL) return NEUTRAL;
      // `unknown + 'literal'`: only str defines + with a str on the right in practice
      if (r.kind === 'str' && (right._type === 'Constant' || right._type === 'JoinedStr')) return STR;
      return UNKNOWN;
    }
    if (op === 'Mult') {
      if (l.kind === 'str' || l.kind === 'bytes' || l.kind === 'list' || l.kind === 'tuple') return { kind: l.kind };
      const r = this.infer(right);
      if (l.kind === 'number' && (r.kind === 'str' || r.kind === 'bytes' || r.kind === 'list' || r.kind === 'tuple')) return { kind: r.kind };
      return l === NEUTRAL ? NEUTRAL : UNKNOWN;
    }
    if (op === 'Mod' && (l.kind === 'str' || l.kind === 'bytes')) return { kind: l.kind };
    return l === NEUTRAL ? NEUTRAL : UNKNOWN;
  }

  private call(node: Call): Shape {
    const func = node.func;
    const qualified = this.host.qualifiedName(func);
    if (qualified) {
      const known = CONSTRUCTORS[qualified];
      if (known) return known;
      return UNKNOWN;
    }
    if (func._type === 'Name') return this.returnShape(func);
    if (func._type !== 'Attribute') return UNKNOWN;
    const method = func.attr;
    const receiver = func.value;
    switch (method) {
      case 'split':
      case 'rsplit':
      case 'splitlines':
        // pandas' `series.str.split` returns a Series; everything else common returns a list
        if (receiver._type === 'Attribute' && receiver.attr === 'str') return UNKNOWN;
        return splitOfConstant(node) ?? LIST;
      case 'readlines':
        return LIST;
      case 'keys':
        return node.args.length === 0 ? { kind: 'dict-keys' } : UNKNOWN;
      case 'values':
        return node.args.length === 0 && this.infer(receiver).kind === 'dict' ? { kind: 'dict-values' } : UNKNOWN;
      case 'encode':
        return this.infer(receiver).kind === 'str' ? BYTES : UNKNOWN;
      case 'decode':
        return this.infer(receiver).kind === 'bytes' ? STR : UNKNOWN;
      case 'copy': {
        const r = this.infer(receiver);
        return r.kind === 'list' || r.kind === 'dict' || r.kind === 'set' ? { kind: r.kind } : UNKNOWN;
      }
      default:
        if (STR_TO_STR.has(method)) {
          const r = receiver._type === 'Constant' && typeof receiver.value === 'string' ? STR : this.infer(receiver);
          if (r.kind === 'str') return STR;
        }
        return UNKNOWN;
    }
  }

  /** `f()` where `f` is a function of this module whose every `return` gives the same shape. */
  private returnShape(func: expr): Shape {
    const ref = this.host.containerRef(func);
    if (!ref || ref.assignments.length !== 1) return UNKNOWN;
    const def = ref.assignments[0]!.node;
    if (ref.assignments[0]!.kind !== 'def' || (def._type !== 'FunctionDef' && def._type !== 'AsyncFunctionDef')) return UNKNOWN;
    if (def._type === 'AsyncFunctionDef') return UNKNOWN; // calling it gives a coroutine
    const cached = this.returnCache.get(def);
    if (cached) return cached;
    this.returnCache.set(def, UNKNOWN); // recursion guard
    let result: Shape = UNKNOWN;
    const scope = this.host.scopeOfDef(def);
    if (def.returns) result = this.annotationShape(def.returns);
    if (result.kind === 'unknown' && scope && !scope.hasYield && scope.returns.length > 0 && endsWithReturnOrRaise(def.body)) {
      let agreed: Shape | undefined;
      for (const r of scope.returns) {
        const s = r.value ? this.infer(r.value) : UNKNOWN;
        if (s === NEUTRAL || s.kind === 'unknown' || (agreed && agreed.kind !== s.kind)) {
          agreed = undefined;
          break;
        }
        agreed = agreed ?? { kind: s.kind };
      }
      if (agreed) result = agreed;
    }
    this.returnCache.set(def, result);
    return result;
  }

  annotationShape(annotation: expr): Shape {
    if (this.depth >= MAX_INFER_DEPTH) return UNKNOWN; // `int | int | …` thousands long
    this.depth++;
    try {
      return this.annotationShapeOf(annotation);
    } finally {
      this.depth--;
    }
  }

  private annotationShapeOf(annotation: expr): Shape {
    let base = annotation;
    if (base._type === 'BinOp' && base.op._type === 'BitOr') {
      // `list[int] | None`
      const l = isNone(base.left) ? UNKNOWN : this.annotationShape(base.left);
      const r = isNone(base.right) ? UNKNOWN : this.annotationShape(base.right);
      if (isNone(base.left)) return r;
      if (isNone(base.right)) return l;
      return agree(l, r);
    }
    if (base._type === 'Subscript') {
      const q = this.host.qualifiedName(base.value);
      if (q === 'typing.Optional') return this.annotationShape(base.slice);
      base = base.value;
    }
    const q = this.host.qualifiedName(base);
    return (q && ANNOTATIONS[q]) || UNKNOWN;
  }
}

function sequenceLiteral(kind: 'list' | 'tuple' | 'set', elts: expr[]): Shape {
  if (elts.some((e) => e._type === 'Starred')) return { kind, literal: true };
  return { kind, length: elts.length, constantElements: elts.every(isConstantLike), literal: true };
}

function isConstantLike(e: expr): boolean {
  if (e._type === 'Constant') return true;
  if (e._type === 'UnaryOp' && e.operand._type === 'Constant') return true;
  if (e._type === 'Tuple') return e.elts.every(isConstantLike);
  return false;
}

function isNone(e: expr): boolean {
  return e._type === 'Constant' && e.value === null;
}

function agree(a: Shape, b: Shape): Shape {
  if (a === NEUTRAL) return b;
  if (b === NEUTRAL) return a;
  if (a.kind === 'unknown' || b.kind === 'unknown' || a.kind !== b.kind) return UNKNOWN;
  return { kind: a.kind };
}

/** Falling off the end returns None: only count functions that cannot. */
function endsWithReturnOrRaise(body: readonly Node[]): boolean {
  const last = body[body.length - 1];
  return !!last && (last._type === 'Return' || last._type === 'Raise');
}

/** `"a b c".split()` / `"a,b".split(",")`: a fixed list of constants, computed like Python does. */
function splitOfConstant(call: Call): Shape | undefined {
  const func = call.func;
  if (func._type !== 'Attribute' || func.attr !== 'split' || call.keywords.length > 0) return undefined;
  const receiver = func.value;
  if (receiver._type !== 'Constant' || typeof receiver.value !== 'string') return undefined;
  const text = receiver.value;
  const sep = call.args[0];
  let parts: string[];
  if (call.args.length === 0) {
    parts = text.split(/\s+/).filter((p) => p !== '');
  } else if (call.args.length === 1 && sep && sep._type === 'Constant' && typeof sep.value === 'string' && sep.value !== '') {
    parts = text.split(sep.value);
  } else {
    return undefined;
  }
  return { kind: 'list', length: parts.length, constantElements: true, literal: true };
}
