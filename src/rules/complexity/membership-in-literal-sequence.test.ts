// HS102 cases: membership in constant list/tuple literals, and look-alikes that must stay silent.
import rule from './membership-in-literal-sequence.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'ok = mode in ("r", "w", "a")\n', output: 'ok = mode in {"r", "w", "a"}\n', lines: [1] },
    { code: 'if code not in [200, 201, 204]:\n    pass\n', output: 'if code not in {200, 201, 204}:\n    pass\n', lines: [1] },
    { code: 'bad = x in (-1, 0, 1,)\n', output: 'bad = x in {-1, 0, 1,}\n', name: 'negative numbers and a trailing comma' },
    {
      code: 'ok = kind in (\n    "a",\n    "b",\n    "c",\n)\n',
      output: 'ok = kind in {\n    "a",\n    "b",\n    "c",\n}\n',
      name: 'a literal over several lines',
    },
  ],
  notFlagged: [
    { code: 'ok = mode in {"r", "w", "a"}\n', why: 'already a set literal' },
    { code: 'ok = mode in ("r", "w")\n', why: 'two elements: the saving is negligible' },
    { code: 'ok = mode in (a, b, c)\n', why: 'names, not constants: the tuple is built at run time and may hold unhashables' },
    { code: 'ok = mode in ((1, 2), (3, 4), [5])\n', why: 'a list element is unhashable' },
    { code: 'ok = mode == ("r", "w", "a")\n', why: 'equality, not membership' },
    { code: 'ok = "r" in mode\n', why: 'the container is not a literal' },
  ],
});
