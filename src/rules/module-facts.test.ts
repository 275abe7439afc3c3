// Module facts come from the parser's lists for a clean parse and from a statement walk otherwise:
// both must give the same answers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '../parse/index.js';
import { findModuleFacts, type ModuleFacts } from './module-facts.js';
import { stdlibPath } from '../../test/corpus.js';

const plain = (f: ModuleFacts) => ({
  importedModules: [...f.importedModules].sort(),
  namesBoundByImport: [...f.namesBoundByImport].sort(),
  hasAsyncDef: f.hasAsyncDef,
  hasModuleLevelClass: f.hasModuleLevelClass,
  classes: f.moduleLevelClasses.map((c) => `${c.lineno}:${c.name}`),
});

const SAMPLE = `
import os.path, numpy as np
from . import sibling
from json import dumps
if os.name == "nt":
    class WindowsPath:
        class Inner:
            pass
else:
    try:
        class PosixPath:
            pass
    except ImportError:
        pass
def factory():
    import re
    class Local:
        pass
    async def fetch():
        pass
    return Local
class Last:
    def method(self):
        from collections import deque
`;

describe('module facts', () => {
  it('lists imports anywhere, async defs anywhere, and classes outside defs and classes', () => {
    const parsed = parse(SAMPLE);
    const facts = plain(findModuleFacts(parsed.module, parsed.index));
    assert.deepEqual(facts, {
      importedModules: ['collections', 'json', 'numpy', 'os', 're'],
      namesBoundByImport: ['np', 'os', 're'],
      hasAsyncDef: true,
      hasModuleLevelClass: true,
      classes: ['6:WindowsPath', '11:PosixPath', '22:Last'],
    });
    assert.deepEqual(plain(findModuleFacts(parsed.module)), facts, 'the statement walk agrees');
  });

  it('agrees with the statement walk on real stdlib files', (t) => {
    const root = stdlibPath();
    if (!root) return t.skip('no Python stdlib on this machine');
    let files = 0;
    for (const file of ['asyncio/base_events.py', 'typing.py', 'enum.py', 'tkinter/__init__.py', 'unittest/mock.py', 'email/message.py', 'dataclasses.py', 'pathlib.py']) {
      const full = path.join(root, file);
      if (!fs.existsSync(full)) continue;
      const parsed = parse(fs.readFileSync(full, 'utf8'));
      assert.deepEqual(parsed.errors, []);
      assert.deepEqual(plain(findModuleFacts(parsed.module, parsed.index)), plain(findModuleFacts(parsed.module)), file);
      files++;
    }
    assert.ok(files >= 6, `only ${files} files compared`);
  });
});
