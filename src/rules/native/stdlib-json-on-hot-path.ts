// HS401: the stdlib `json` module encoding/decoding on a hot path (in a loop, in a web request
// handler, or on a payload built from a whole collection), where orjson is several times faster.
import type { Call, FunctionDef, AsyncFunctionDef } from '../../parse/ast.js';
import type { SemanticModel } from '../../semantic/index.js';
import { callKey, defineRule } from '../types.js';
import { repeatingLoop } from '../overhead/helpers.js';
import type { ModuleFacts } from '../module-facts.js';

type Where = 'loop' | 'handler';

interface Data {
  /** `dumps`, `loads`, `dump` or `load`. */
  func: string;
  where: Where;
}

const JSON_FUNCS = new Set(['json.dumps', 'json.loads', 'json.dump', 'json.load']);
/** Decorator methods that register a request handler in Flask, FastAPI, Starlette, Quart, Sanic, Bottle… */
const ROUTE_DECORATORS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'api_route', 'websocket']);
const WEB_FRAMEWORKS = ['flask', 'fastapi', 'starlette', 'quart', 'sanic', 'bottle', 'litestar', 'aiohttp'];

const WHERE_TEXT: Record<Where, string> = {
  loop: 'inside a loop',
  handler: 'in a web request handler',
};

/** The calls this rule looks at, by callee name. */
const CALL_KEY = callKey(['dumps', 'loads', 'dump', 'load']);

export default defineRule<Data>({
  code: 'HS401',
  name: 'stdlib-json-on-hot-path',
  family: 'native',
  severity: 'medium',
  fix: 'none',
  micro: false,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds `json.dumps`/`json.loads`/`json.dump`/`json.load` from the standard library called inside a loop, in a ' +
    'web request handler (Flask/FastAPI/Starlette/Quart/Sanic/Bottle route decorators, Django views taking ' +
    '`request`).',
  whySlow:
    'Encoding and decoding are O(size of the document) either way, but the stdlib works object by object through ' +
    'Python-level dispatch (and with `indent=` the encoder falls back to its pure-Python implementation), while ' +
    'orjson serialises natively in Rust: the same O(N) with a constant several times smaller, paid on every ' +
    'request or iteration.',
  example:
    'import json\n\n\ndef encode_events(events):\n    return [json.dumps(e) for e in events]\n',
  useInstead:
    'import orjson\n\n\ndef encode_events(events):\n    return [orjson.dumps(e) for e in events]  # bytes, not str\n',
  evidence:
    'Run `hotspy explain HS401 --measure` to time stdlib json against orjson on your own interpreter with a ' +
    'generated payload (dumps and loads). On this machine (CPython 3.11.7, orjson installed) see the numbers ' +
    'recorded in docs/precision.md (HS401).',
  knownLimits:
    'orjson is not a drop-in replacement: `orjson.dumps` returns `bytes` (decode or write them directly); ' +
    'formatting goes through `option=` flags (`orjson.OPT_INDENT_2` is the only indentation, `OPT_SORT_KEYS` for ' +
    'sorted keys); there is no `cls=` encoder class, no `separators=` and no `ensure_ascii` (output is always UTF-8); ' +
    'non-`str` dict keys need `OPT_NON_STR_KEYS`; integers beyond 64 bits raise; `default=` works but is only ' +
    'called for types orjson does not serialise natively (dataclasses, datetimes, UUIDs and numpy arrays are ' +
    'native). Small, rare documents are not worth a dependency: rely on a profile to decide. A single call on a big ' +
    'document (or with `indent=`, which makes the stdlib use its pure-Python encoder) is not flagged: nothing in the ' +
    'code says the document is big, and on the corpus those calls were one-off configuration dumps and small ' +
    'payloads (docs/precision.md, HS401). `explain HS401 --measure` shows what they would gain.',
  alsoKnownAs: [],
  message: (d) => `stdlib \`json.${d.func}()\` ${WHERE_TEXT[d.where]}: orjson does the same work several times faster`,
  fixTitle: () => 'Use orjson (`orjson.dumps` returns bytes; see the rule docs for option differences)',
  create(ctx) {
    // `json.dumps` & co. are only ever named through an import of `json`
    if (!ctx.moduleFacts.importedModules.has('json')) return {};
    return {
      [CALL_KEY]: (node: Call) => {
        const func = node.func;
        if (func._type !== 'Attribute' && func._type !== 'Name') return;
        const leaf = func._type === 'Attribute' ? func.attr : func.id;
        if (leaf !== 'dumps' && leaf !== 'loads' && leaf !== 'dump' && leaf !== 'load') return;
        const qualified = ctx.semantic.qualifiedName(func);
        if (!qualified || !JSON_FUNCS.has(qualified)) return;
        const where = hotContext(ctx.semantic, ctx.moduleFacts, node, ctx.loopDepth > 0);
        if (where) ctx.report(node, { func: leaf, where });
      },
    };
  },
});

function hotContext(semantic: SemanticModel, facts: ModuleFacts, node: Call, mayBeInLoop: boolean): Where | undefined {
  if (mayBeInLoop && repeatingLoop(semantic, node)) return 'loop';
  const fn = semantic.enclosingFunction(node);
  if (fn && fn._type !== 'Lambda' && isRequestHandler(semantic, facts, fn)) return 'handler';
  return undefined;
}

function isRequestHandler(semantic: SemanticModel, facts: ModuleFacts, fn: FunctionDef | AsyncFunctionDef): boolean {
  if (WEB_FRAMEWORKS.some((m) => facts.importedModules.has(m))) {
    for (const d of fn.decorator_list) {
      if (d._type === 'Call' && d.func._type === 'Attribute' && ROUTE_DECORATORS.has(d.func.attr)) return true;
    }
  }
  if (facts.importedModules.has('django') || facts.importedModules.has('rest_framework')) {
    const params = [...fn.args.posonlyargs, ...fn.args.args];
    const first = semantic.enclosingClass(fn) ? params[1] : params[0];
    if (first?.arg === 'request') return true;
  }
  return false;
}
