// parseTarget: the words after `--` become an interpreter, its options, a script or module, and
// the program's arguments, the way a Python command line reads.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikePython, parseTarget, TargetError, targetStem } from './target.js';
import { samplesPathFor } from './run-profiled.js';

describe('parseTarget', () => {
  it('takes the interpreter named first, with its options', () => {
    assert.deepEqual(parseTarget(['/venv/bin/python3.12', '-X', 'dev', '-u', 'app.py', '-v', '--x=1']), {
      python: '/venv/bin/python3.12',
      pythonOptions: ['-X', 'dev', '-u'],
      script: 'app.py',
      args: ['-v', '--x=1'],
    });
  });

  it('runs a script or module without an interpreter with the default one', () => {
    assert.deepEqual(parseTarget(['app.py', 'a'], 'python3.8'), { python: 'python3.8', pythonOptions: [], script: 'app.py', args: ['a'] });
    assert.deepEqual(parseTarget(['-m', 'pkg.tool', '-m', 'x']), { python: 'python3', pythonOptions: [], module: 'pkg.tool', args: ['-m', 'x'] });
    assert.deepEqual(parseTarget(['python', '-mjson.tool', 'f']), { python: 'python', pythonOptions: [], module: 'json.tool', args: ['f'] });
  });

  it('does not mistake scripts named like python for an interpreter', () => {
    assert.equal(looksLikePython('python_utils.py'), false);
    assert.equal(looksLikePython('pypy3'), true);
    assert.equal(looksLikePython('C:\\\\Python311\\\\python.exe'), true);
  });

  it('refuses what it cannot run, with a reason', () => {
    assert.throws(() => parseTarget([]), TargetError);
    assert.throws(() => parseTarget(['python3', '-c', 'print(1)']), /-c/);
    assert.throws(() => parseTarget(['python3', '-m']), /module name/);
    assert.throws(() => parseTarget(['python3', '-X']), /needs a value/);
    assert.throws(() => parseTarget(['python3', '-u']), /no script/);
  });

  it('names the output files after the script or module', () => {
    assert.equal(targetStem(parseTarget(['python3', 'src/app.py'])), 'app');
    assert.equal(targetStem(parseTarget(['-m', 'pkg.tool'])), 'pkg.tool');
    assert.equal(samplesPathFor('/x/hotspy-app.prof'), '/x/hotspy-app.samples.jsonl');
    assert.equal(samplesPathFor('/x/run.out'), '/x/run.out.samples.jsonl');
  });
});
