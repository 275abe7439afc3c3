// HS304: a blocking call (`time.sleep`, `requests.get`, `subprocess.run`, `urlopen`, `open`…) made
// directly in an `async def`: the whole event loop, and every other task on it, stops meanwhile.
import type { Call, expr } from '../../parse/ast.js';
import { defineRule } from '../types.js';

type Category = 'sleep' | 'http' | 'subprocess' | 'socket' | 'file' | 'database' | 'input';

interface Data {
  /** The call as written, e.g. `time.sleep` or `requests.get`. */
  call: string;
  category: Category;
}

/** Exact qualified names that block the calling thread. */
const BLOCKING: Record<string, Category> = {
  'time.sleep': 'sleep',
  'urllib.request.urlopen': 'http',
  'urllib.request.urlretrieve': 'http',
  'http.client.HTTPConnection': 'http',
  'http.client.HTTPSConnection': 'http',
  'subprocess.run': 'subprocess',
  'subprocess.call': 'subprocess',
  'subprocess.check_call': 'subprocess',
  'subprocess.check_output': 'subprocess',
  'subprocess.getoutput': 'subprocess',
  'subprocess.getstatusoutput': 'subprocess',
  'os.system': 'subprocess',
  'os.popen': 'subprocess',
  'os.wait': 'subprocess',
  'os.waitpid': 'subprocess',
  'socket.create_connection': 'socket',
  'socket.getaddrinfo': 'socket',
  'socket.gethostbyname': 'socket',
  'socket.gethostbyaddr': 'socket',
  'builtins.open': 'file',
  'builtins.input': 'input',
  'sqlite3.connect': 'database',
  'psycopg2.connect': 'database',
  'pymysql.connect': 'database',
  'MySQLdb.connect': 'database',
};

/** Every function of these modules does blocking network I/O (their async twins live elsewhere). */
const BLOCKING_MODULES: Record<string, Category> = {
  requests: 'http',
  urllib3: 'http',
};
/** `httpx.get/post/…` are the blocking module-level API (`httpx.AsyncClient` is the async one). */
const HTTPX_BLOCKING = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream']);
/** Names in blocking modules that only build data, without I/O. */
const NOT_IO = new Set(['requests.Session', 'requests.session', 'requests.Request', 'requests.PreparedRequest', 'requests.Response', 'requests.utils', 'requests.exceptions', 'requests.structures', 'requests.auth', 'requests.codes', 'requests.adapters', 'urllib3.util', 'urllib3.exceptions', 'urllib3.Timeout', 'urllib3.Retry', 'urllib3.disable_warnings', 'urllib3.fields']);

/** Top-level modules of every blocking name: only names imported from these are resolved (a cheap pre-filter). */
const BLOCKING_ROOTS = new Set([...Object.keys(BLOCKING), ...Object.keys(BLOCKING_MODULES), 'httpx'].map((q) => q.split('.')[0]!));

const ADVICE: Record<Category, string> = {
  sleep: 'use `await asyncio.sleep(...)`',
  http: 'use an async HTTP client (aiohttp, `httpx.AsyncClient`) or `await asyncio.to_thread(...)`',
  subprocess: 'use `asyncio.create_subprocess_exec` or `await asyncio.to_thread(...)`',
  socket: 'use `asyncio.open_connection` / `loop.getaddrinfo` or `await asyncio.to_thread(...)`',
  file: 'use `await asyncio.to_thread(...)` (or aiofiles) for file I/O',
  database: 'use an async driver (aiosqlite, asyncpg, aiomysql) or `await asyncio.to_thread(...)`',
  input: 'read stdin with a `StreamReader` or `await asyncio.to_thread(input)`',
};

export default defineRule<Data>({
  code: 'HS304',
  name: 'blocking-call-in-async-function',
  family: 'concurrency',
  severity: 'high',
  fix: 'none',
  micro: false,
  status: 'preview',
  since: '0.1.0',
  whatItDoes:
    'Finds blocking calls made directly in the body of an `async def`: `time.sleep`, `requests.*`, `urllib.request.urlopen`, ' +
    '`subprocess.run/call/check_output`, `os.system`, blocking socket helpers, `open()`, `input()`, and blocking ' +
    'database `connect` calls. Calls inside a nested `def` or `lambda` (for example one handed to `run_in_executor`) are not flagged.',
  whySlow:
    'An event loop runs all its tasks on one thread and only switches at `await`. A blocking call holds that thread, ' +
    'so for its whole duration no other request, timer or callback is served: with N concurrent tasks each blocking ' +
    'for t, the loop needs O(N·t) instead of O(t). The async equivalents (`asyncio.sleep`, async clients, ' +
    '`asyncio.to_thread`) give the loop back while waiting.',
  example: 'import time\n\nasync def poll(client):\n    while not await client.ready():\n        time.sleep(0.5)\n',
  useInstead: 'import asyncio\n\nasync def poll(client):\n    while not await client.ready():\n        await asyncio.sleep(0.5)\n',
  evidence:
    'asyncio documentation, "Running Blocking Code": "Blocking (CPU-bound) code should not be called directly … if a ' +
    'function performs a CPU-intensive calculation for 1 second, all concurrent asyncio Tasks and IO operations would be ' +
    'delayed by 1 second" (https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code).',
  knownLimits:
    'When not to: in an `async def` that is never run on a shared event loop (a script\'s single `asyncio.run(main())` ' +
    'doing one thing at a time), or for `open()` on small local files where the stall is microseconds. Only the calls ' +
    'listed are recognised (by their imported names); methods on objects (a blocking `sock.recv()`, a sync DB ' +
    'cursor) are not flagged.',
  alsoKnownAs: ['ASYNC210', 'ASYNC220', 'ASYNC221', 'ASYNC222', 'ASYNC230', 'ASYNC251'],
  message: (d) => `\`${d.call}()\` blocks the event loop inside \`async def\`: every other task waits until it returns`,
  fixTitle: (d) => ADVICE[d.category].replace(/^use/, 'Use'),
  create(ctx) {
    // Most modules hold no `async def` at all: then nothing here can be flagged.
    if (!ctx.moduleFacts.hasAsyncDef) return {};
    // Local names bound by imports of the modules above (`import requests as rq`, `from time import sleep`),
    // collected as the walk meets the imports, which come before their uses.
    const importedRoots = new Set<string>();
    // `async def`s open around the visited node: with none, no call can be in one (with some, the
    // semantic model still says which function a call belongs to: decorators and defaults of a
    // def run in the scope around it)
    let asyncDefs = 0;
    return {
      AsyncFunctionDef() {
        asyncDefs++;
      },
      'AsyncFunctionDef:exit'() {
        asyncDefs--;
      },
      Import(node) {
        for (const a of node.names) if (BLOCKING_ROOTS.has(a.name.split('.')[0]!)) importedRoots.add(a.asname ?? a.name.split('.')[0]!);
      },
      ImportFrom(node) {
        if (node.level === 0 && node.module && BLOCKING_ROOTS.has(node.module.split('.')[0]!)) for (const a of node.names) importedRoots.add(a.asname ?? a.name);
      },
      Call(node) {
        if (asyncDefs === 0) return;
        const f = node.func;
        if (f._type !== 'Name' && f._type !== 'Attribute') return;
        const root = rootName(f);
        if (!root || !(importedRoots.has(root) || root === 'open' || root === 'input')) return;
        const fn = ctx.semantic.enclosingFunction(node);
        if (fn?._type !== 'AsyncFunctionDef') return;
        const q = ctx.semantic.qualifiedName(f);
        if (!q) return;
        const category = classify(q);
        if (!category || awaitedDirectly(ctx.semantic, node)) return;
        // getaddrinfo(..., flags=AI_NUMERICHOST) only parses a numeric address: it never does a DNS lookup
        if (category === 'socket' && [...node.args, ...node.keywords.map((k) => k.value)].some((a) => /NUMERIC/.test(ctx.textOf(a)))) return;
        ctx.report(node, { call: q.startsWith('builtins.') ? q.slice('builtins.'.length) : q, category });
      },
    };
  },
});

/** The leftmost name of `a.b.c`, or the name itself. */
function rootName(node: expr): string | undefined {
  while (node._type === 'Attribute') node = node.value;
  return node._type === 'Name' ? node.id : undefined;
}

function classify(q: string): Category | undefined {
  const exact = BLOCKING[q];
  if (exact) return exact;
  const parts = q.split('.');
  if (NOT_IO.has(q) || NOT_IO.has(parts.slice(0, 2).join('.'))) return undefined;
  const module = BLOCKING_MODULES[parts[0]!];
  if (module && parts.length >= 2) return module;
  if (parts[0] === 'httpx' && parts.length === 2 && HTTPX_BLOCKING.has(parts[1]!)) return 'http';
  return undefined;
}

/** `await f(...)`: the callee returns an awaitable, so it is not the blocking function we know. */
function awaitedDirectly(semantic: { parentOf(n: Call): unknown }, call: Call): boolean {
  const parent = semantic.parentOf(call) as { _type?: string } | undefined;
  return parent?._type === 'Await';
}
