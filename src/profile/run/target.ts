// Understands the program a user asks hotspy to profile: the words after `--`, as in
// `python3 -X dev app.py args`, `-m pkg.mod args`, or just `app.py args`, and which interpreter
// to run it with. No I/O here.

/** What to run, in the shape of a Python command line. */
export interface ProfileTarget {
  /** The interpreter: the one named after `--`, else `--python`, else `python3`. */
  python: string;
  /** Interpreter options that came before the script or `-m` (`-X dev`, `-W error`, `-u`, …). */
  pythonOptions: string[];
  /** `{ script }` for `python script.py`, `{ module }` for `python -m module`. */
  script?: string;
  module?: string;
  /** The program's own arguments. */
  args: string[];
}

export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** Interpreter options that take their value as the next word. */
const OPTIONS_WITH_VALUE = new Set(['-X', '-W', '--check-hash-based-pycs']);

/** Whether a command word names a Python interpreter (`python3.12`, `/venv/bin/python`, `pypy3`). */
export function looksLikePython(word: string): boolean {
  const base = word.split(/[/\\]/).pop() ?? word;
  return /^(python|pypy)(\d+(\.\d+)*)?[a-z]?(\.exe)?$/i.test(base);
}

/**
 * Parses the command after `--`. `defaultPython` (from `--python`) is used when the command does
 * not start with an interpreter.
 */
export function parseTarget(words: readonly string[], defaultPython = 'python3'): ProfileTarget {
  if (words.length === 0) {
    throw new TargetError('nothing to profile: give the program after `--`, e.g. `hotspy profile -- python3 app.py`');
  }
  let i = 0;
  let python = defaultPython;
  if (looksLikePython(words[0]!)) {
    python = words[0]!;
    i = 1;
  }
  const pythonOptions: string[] = [];
  while (i < words.length) {
    const word = words[i]!;
    if (word === '-m') {
      const module = words[i + 1];
      if (module === undefined || module === '') throw new TargetError('`-m` needs a module name');
      return { python, pythonOptions, module, args: words.slice(i + 2) };
    }
    if (word === '-c') throw new TargetError('`-c` is not supported: put the code in a file and profile that file');
    if (word === '-' ) throw new TargetError('reading the program from stdin (`-`) is not supported: give a script file');
    if (word.startsWith('-') && word !== '-') {
      if (/^-m./.test(word)) return { python, pythonOptions, module: word.slice(2), args: words.slice(i + 1) };
      pythonOptions.push(word);
      if (OPTIONS_WITH_VALUE.has(word)) {
        const value = words[i + 1];
        if (value === undefined) throw new TargetError(`\`${word}\` needs a value`);
        pythonOptions.push(value);
        i += 2;
      } else {
        i += 1;
      }
      continue;
    }
    return { python, pythonOptions, script: word, args: words.slice(i + 1) };
  }
  throw new TargetError('no script or `-m module` after the interpreter options');
}

/** A name for the output files: the script's file name without `.py`, or the module name. */
export function targetStem(target: ProfileTarget): string {
  const raw = target.module ?? (target.script ?? 'program').split(/[/\\]/).filter((p) => p !== '').pop() ?? 'program';
  const stem = raw.replace(/\.pyw?$/i, '').replace(/[^\w.-]+/g, '_');
  return stem === '' || stem === '.' || stem === '..' ? 'program' : stem;
}
