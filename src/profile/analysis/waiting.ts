// Recognises the calls in which a Python program waits instead of computing: the builtins
// cProfile records for sleeping, sockets, select/poll, file and pipe I/O, locks and child
// processes, and (for samplers without idle flags) the stdlib Python functions that block.
// The names below were taken from real cProfile runs on CPython 3.8 and 3.13 (see waiting.test.ts).
import type { Frame } from '../model.js';
import type { WaitCategory } from './types.js';

/** `owner.member` → category. Owner is the module of a builtin or the type of a method. */
const BUILTIN_WAITS = new Map<string, WaitCategory>();

function add(category: WaitCategory, owners: string[], members: string[]): void {
  for (const owner of owners) for (const member of members) BUILTIN_WAITS.set(`${owner}.${member}`, category);
}

add('sleep', ['time'], ['sleep']);
add('select', ['select'], ['select']);
add('select', ['select.poll', 'select.epoll', 'select.devpoll'], ['poll']);
add('select', ['select.kqueue'], ['control']);
add(
  'network',
  ['_socket.socket'],
  ['recv', 'recv_into', 'recvfrom', 'recvfrom_into', 'recvmsg', 'recvmsg_into', 'send', 'sendall', 'sendto',
    'sendmsg', 'connect', 'connect_ex', '_accept', 'accept'],
);
add('network', ['_socket'], ['getaddrinfo', 'gethostbyname', 'gethostbyname_ex', 'gethostbyaddr', 'getnameinfo']);
add('network', ['_ssl._SSLSocket'], ['read', 'write', 'do_handshake', 'shutdown']);
add(
  'file',
  ['_io.BufferedReader', '_io.BufferedWriter', '_io.BufferedRandom', '_io.BufferedRWPair', '_io.FileIO',
    '_io.TextIOWrapper'],
  ['read', 'read1', 'readinto', 'readinto1', 'readline', 'readlines', 'readall', 'write', 'writelines', 'flush',
    'peek'],
);
add('file', ['posix', 'nt', 'os'], ['read', 'write', 'readv', 'writev', 'pread', 'pwrite', 'sendfile', 'fsync',
  'fdatasync', 'splice']);
add('file', ['builtins'], ['input']);
add('sync', ['_thread.lock', '_thread.RLock', '_multiprocessing.SemLock'], ['acquire', 'acquire_lock', '__enter__']);
add('sync', ['_thread._ThreadHandle'], ['join']);
add('sync', ['_queue.SimpleQueue'], ['get']);
add('process', ['posix', 'nt', 'os'], ['waitpid', 'wait', 'wait3', 'wait4', 'waitid', 'system']);
add('process', ['_winapi'], ['WaitForSingleObject', 'WaitForMultipleObjects']);

/**
 * Bare names used by the pure-Python `profile` module (file '') and pyinstrument's pstats output
 * (file `<built-in>`), which drop the owner. Only names that are unambiguous without it.
 */
const BARE_WAITS = new Map<string, WaitCategory>([
  ['sleep', 'sleep'],
  ['select', 'select'],
  ['recv', 'network'],
  ['recv_into', 'network'],
  ['sendall', 'network'],
  ['connect', 'network'],
  ['_accept', 'network'],
  ['getaddrinfo', 'network'],
  ['waitpid', 'process'],
  ['acquire', 'sync'],
]);

/** `<built-in method time.sleep>` → time.sleep; `<method 'recv' of '_socket.socket' objects>` → _socket.socket.recv. */
function builtinKey(name: string): string | undefined {
  let m = /^<built-in method ([\w.]+)\.(\w+)>$/.exec(name);
  if (m) return `${m[1]}.${m[2]}`;
  m = /^<method '(\w+)' of '([\w.]+)' objects>$/.exec(name);
  if (m) return `${m[2]}.${m[1]}`;
  m = /^<built-in function (\w+)>$/.exec(name);
  if (m) return `builtins.${m[1]}`;
  return undefined;
}

/** The waiting category of a builtin frame, or undefined when the call computes. */
export function waitCategoryOfBuiltin(frame: Frame): WaitCategory | undefined {
  if (frame.kind !== 'builtin') return undefined;
  const key = builtinKey(frame.name);
  if (key !== undefined) return BUILTIN_WAITS.get(key);
  return BARE_WAITS.get(frame.name);
}

/**
 * Stdlib Python functions that block inside a C call the sampler cannot see: when one of them is
 * the innermost Python frame of a sample, the thread was almost certainly waiting.
 * Keyed by the file's last path components.
 */
const BLOCKING_STDLIB: Array<[RegExp, Set<string>, WaitCategory]> = [
  [/(^|[/\\])threading\.py$/, new Set(['wait', 'join', '_wait_for_tstate_lock', 'acquire']), 'sync'],
  [/(^|[/\\])queue\.py$/, new Set(['get', 'put']), 'sync'],
  [/(^|[/\\])socket\.py$/, new Set(['readinto', 'accept', 'create_connection', 'recv_into']), 'network'],
  [/(^|[/\\])ssl\.py$/, new Set(['read', 'recv', 'recv_into', 'write', 'send', 'sendall', 'do_handshake']), 'network'],
  [/(^|[/\\])selectors\.py$/, new Set(['select']), 'select'],
  [/(^|[/\\])subprocess\.py$/, new Set(['wait', '_wait', '_try_wait', 'communicate', '_communicate']), 'process'],
  [/(^|[/\\])multiprocessing[/\\]connection\.py$/, new Set(['_recv', '_recv_bytes', 'recv', 'wait', 'poll']), 'sync'],
  [/(^|[/\\])multiprocessing[/\\]pool\.py$/, new Set(['get', 'wait']), 'sync'],
];

/** The waiting category of a Python frame that is the innermost frame of a sample, if any. */
export function waitCategoryOfLeafFrame(frame: Frame): WaitCategory | undefined {
  if (frame.kind !== 'python') return undefined;
  for (const [file, names, category] of BLOCKING_STDLIB) {
    if (names.has(frame.name) && file.test(frame.file)) return category;
  }
  return undefined;
}
