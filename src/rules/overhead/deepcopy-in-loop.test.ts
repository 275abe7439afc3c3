// HS509 cases: copy.deepcopy in loops, and look-alikes.
import rule from './deepcopy-in-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'import copy\ndef f(xs, t):\n    for x in xs:\n        yield copy.deepcopy(t)\n', lines: [4] },
    { code: 'from copy import deepcopy\nrows = [deepcopy(TEMPLATE) for r in data]\n', lines: [2], name: 'imported name in a comprehension' },
  ],
  notFlagged: [
    { code: 'import copy\ndef f(t):\n    return copy.deepcopy(t)\n', why: 'not in a loop' },
    { code: 'import copy\ndef f(xs, t):\n    for x in xs:\n        yield copy.copy(t)\n', why: 'a shallow copy' },
    { code: 'def deepcopy(x):\n    return x\nfor r in data:\n    deepcopy(r)\n', why: 'a user function named deepcopy' },
    { code: 'import copy\nfor k in ("a", "b"):\n    copy.deepcopy(T)\n', why: 'a loop over a 2-item literal' },
    { code: 'import copy\ndef f(xs, state):\n    for x in xs:\n        if better(x):\n            best = copy.deepcopy(state)\n', why: 'under an if: a snapshot, not a per-iteration template' },
    { code: 'from copy import deepcopy\nrows = [deepcopy(r) for r in data]\n', why: 'each item copied once: usually the required semantics' },
    { code: 'import copy\nclass N:\n    def __deepcopy__(self, memo):\n        return [copy.deepcopy(T, memo) for v in self.vs]\n', why: 'a memo: inside a __deepcopy__ implementation' },
    { code: 'import copy\ndef copy_graph(g, d):\n    return [copy.deepcopy(d) for n in g]\n', why: 'a copy routine: deep copying is its job' },
  ],
});
