// HS105: a str or bytes built by `+=` (or `s = s + …`) across loop iterations, in the cases where
// CPython really copies the whole string each time.
import type { AugAssign, Assign, expr } from '../../parse/ast.js';
import type { ContainerRef, SemanticModel } from '../../semantic/index.js';
import { defineRule } from '../types.js';
import { repeatingLoop, sameContainer } from './helpers.js';

type Reason = 'attribute' | 'global' | 'closure' | 'prepend' | 'bytes';

interface Data {
  target: string;
  kind: 'str' | 'bytes';
  reason: Reason;
}

const WHY: Record<Reason, string> = {
  attribute: 'an attribute is never resized in place',
  global: 'a global (or module-level) name is never resized in place',
  closure: 'a closure variable is not resized in place',
  prepend: 'prepending always copies',
  bytes: 'bytes are never resized in place',
};

export default defineRule<Data>({
  code: 'HS105',
  complexity: { before: 'O(N²)', after: 'O(N)' },
  name: 'string-concat-in-loop',
  family: 'complexity',
  severity: 'high',
  fix: 'none',
  micro: false,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds a str or bytes value grown with `+=` or `x = x + …` (or `x = … + x`) on every iteration of a loop, when ' +
    'it is an attribute (`self.out += …`), a global or module-level name, a closure variable, a bytes object, or ' +
    'when the new part is prepended.',
  whySlow:
    'Strings and bytes are immutable: `s + t` builds a new object and copies both, O(len(s)). Repeated N times the ' +
    'loop copies O(N²) characters. CPython has one exception: when `s` is a plain local variable of a function and ' +
    'nothing else refers to the string, `s += t` (and `s = s + t`) resizes it in place, which is why this rule ' +
    'leaves plain local str accumulation alone. That shortcut does not apply to attributes, globals (including ' +
    'every name in module-level code), closure variables, bytes, prepending, or on PyPy. Collecting the parts in ' +
    'a list and joining once (`"".join(parts)`), or writing to `io.StringIO`, is O(N).',
  example:
    'class Report:\n    def render(self, rows):\n        self.text = ""\n        for row in rows:\n            self.text += f"{row}\\n"\n',
  useInstead:
    'class Report:\n    def render(self, rows):\n        self.text = "".join(f"{row}\\n" for row in rows)\n',
  evidence:
    'Measured on this machine, appending an 8-character string 100,000 times: a local `s += t` 2.6 ms (CPython 3.11) ' +
    '/ 2.9 ms (3.13); `self.s += t` 1,311 ms / 1,507 ms; a `global` 737 ms / 1,443 ms; module-level code 10.6 s / ' +
    '10.8 s; bytes 452 ms / 1,379 ms; `"".join` of a list 1.5 ms / 2.5 ms.',
  knownLimits:
    'Plain local str accumulation is not flagged, although it is quadratic on PyPy and on CPython when another ' +
    'reference to the string exists (for example `parts.append(s)` inside the loop). The target must be known to ' +
    'hold a str or bytes (a literal, f-string, `str()` call, annotation…).',
  message: (d) => `\`${d.target}\` is rebuilt by concatenation on every iteration (${WHY[d.reason]}): O(N²) copying`,
  fixTitle: (d) => (d.kind === 'bytes' ? 'Collect the parts in a list and `b"".join(...)` them, or use `bytearray`' : 'Collect the parts in a list and `"".join(...)` them, or write to `io.StringIO`'),
  create(ctx) {
    return {
      'AugAssign:inLoop'(node: AugAssign) {
        // `n += 1`, the loop counter, is no string (a str would raise TypeError): no question to the semantic model
        if (node.op._type !== 'Add' || isNumber(node.value)) return;
        check(node, node.target, false);
      },
      // in loops only: before asking the semantic model whether `x = x + …` adds to itself
      'Assign:inLoop'(node: Assign) {
        if (node.targets.length !== 1 || node.value._type !== 'BinOp' || node.value.op._type !== 'Add') return;
        const target = node.targets[0]!;
        if (target._type !== 'Name' && target._type !== 'Attribute') return;
        const { left, right } = node.value;
        if (isNumber(left) || isNumber(right)) return; // `n = n + 1`
        const semantic = ctx.semantic;
        if (sameContainer(semantic, left, target)) check(node, target, false);
        else if (sameContainer(semantic, right, target)) check(node, target, true);
      },
    };

    function check(node: AugAssign | Assign, target: expr, prepend: boolean): void {
      if (target._type !== 'Name' && target._type !== 'Attribute') return;
      const semantic = ctx.semantic;
      const loop = repeatingLoop(semantic, node);
      if (!loop) return;
      const ref = semantic.containerRef(target);
      if (!ref) return;
      const kind = semantic.shapeOf(target).kind;
      if (kind !== 'str' && kind !== 'bytes') return;
      // reset inside the loop (`line = ""` per row): the accumulation does not span the loop
      const resetInLoop = ref.assignments.some(
        (a) => a.node !== target && a.kind !== 'augmented' && a.kind !== 'delete' && a.kind !== 'parameter' && semantic.isInLoop(a.node, loop),
      );
      if (resetInLoop) return;
      if (target._type === 'Attribute' && !semantic.isLoopInvariant(target.value, loop)) return;
      const reason = reasonFor(semantic, target, ref, kind, prepend);
      if (reason) ctx.report(node, { target: semantic.describe(target), kind, reason });
    }
  },
});

/** A number written in place (`1`, `0.5`): adding one to a str or bytes raises TypeError. */
function isNumber(node: expr): boolean {
  if (node._type !== 'Constant') return false;
  const v = node.value;
  return typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'object' && v !== null && (v.kind === 'float' || v.kind === 'complex'));
}

function reasonFor(semantic: SemanticModel, target: expr, ref: ContainerRef, kind: 'str' | 'bytes', prepend: boolean): Reason | undefined {
  if (kind === 'bytes') return 'bytes';
  if (prepend) return 'prepend';
  if (target._type === 'Attribute') return 'attribute';
  if (!('scope' in ref)) return undefined;
  if (ref.scope.kind === 'module' || ref.scope.kind === 'class') return 'global';
  if (ref.scope !== semantic.scopeOf(target).functionScope || semantic.isCaptured(ref)) return 'closure';
  return undefined; // a plain local: CPython resizes it in place
}

