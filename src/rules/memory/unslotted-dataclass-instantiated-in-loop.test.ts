// HS202 cases: dataclasses and classic attrs classes without slots built in loops, and the
// look-alikes (NamedTuple, attrs.define, slots given, old targets, extra attributes) that stay silent.
import rule from './unslotted-dataclass-instantiated-in-loop.js';
import { testRule } from '../testing.js';

const DC = 'from dataclasses import dataclass\n\n';
const LOOP = '\npts = [P(a, b) for a, b in rows]\n';

testRule(rule, {
  flagged: [
    {
      code: DC + '@dataclass\nclass P:\n    x: int\n    y: int\n' + LOOP,
      output: DC + '@dataclass(slots=True)\nclass P:\n    x: int\n    y: int\n' + LOOP,
      lines: [4],
    },
    {
      code: DC + '@dataclass(frozen=True)\nclass P:\n    x: int\n    y: int = 0\n' + LOOP,
      output: DC + '@dataclass(frozen=True, slots=True)\nclass P:\n    x: int\n    y: int = 0\n' + LOOP,
      lines: [4],
    },
    {
      code: 'import dataclasses\n\n@dataclasses.dataclass()\nclass P:\n    x: int\n    y: int\n' + LOOP,
      output: 'import dataclasses\n\n@dataclasses.dataclass(slots=True)\nclass P:\n    x: int\n    y: int\n' + LOOP,
      lines: [4],
    },
    {
      code: 'import attr\n\n@attr.s\nclass P:\n    x = attr.ib()\n    y = attr.ib(default=0)\n' + LOOP,
      output: 'import attr\n\n@attr.s(slots=True)\nclass P:\n    x = attr.ib()\n    y = attr.ib(default=0)\n' + LOOP,
      lines: [4],
    },
    {
      name: 'attrs on a 3.8 target is still flagged',
      code: 'import attr\n\n@attr.s(auto_attribs=True)\nclass P:\n    x: int\n    y: int\n' + LOOP,
      output: 'import attr\n\n@attr.s(auto_attribs=True, slots=True)\nclass P:\n    x: int\n    y: int\n' + LOOP,
      targetVersion: { major: 3, minor: 8 },
    },
  ],
  notFlagged: [
    { code: DC + '@dataclass(slots=True)\nclass P:\n    x: int\n    y: int\n' + LOOP, why: 'already slotted' },
    { code: 'from typing import NamedTuple\n\nclass P(NamedTuple):\n    x: int\n    y: int\n' + LOOP, why: 'a NamedTuple is a tuple: no __dict__' },
    { code: 'import attrs\n\n@attrs.define\nclass P:\n    x: int\n    y: int\n' + LOOP, why: 'attrs.define is slotted by default' },
    { code: 'import attr\n\n@attr.s(slots=True)\nclass P:\n    x = attr.ib()\n' + LOOP, why: 'slots requested' },
    { code: DC + '@dataclass\nclass P:\n    x: int\n    y: int\n' + LOOP.replace('pts', 'p0').replace(' for a, b in rows', ''), why: 'built once' },
    { code: DC + '@dataclass\nclass P:\n    x: int\n    y: int\n' + LOOP.replace('pts', 'points'), why: 'slots=True needs Python 3.10', targetVersion: { major: 3, minor: 9 } },
    { code: DC + '@dataclass\nclass P:\n    x: int\n    y: int\n    def __post_init__(self):\n        self.norm = self.x + self.y\n' + LOOP, why: 'a non-field attribute set in __post_init__' },
    { code: DC + '@dataclass\nclass P(Base):\n    x: int\n    y: int\n' + LOOP, why: 'a base class of unknown layout' },
    { code: DC + '@dataclass\nclass P:\n    x: int\n    y: int\n    def __repr__(self):\n        return super().__repr__()\n' + LOOP, why: 'zero-argument super() breaks with slots=True' },
    { code: DC + '@dataclass(slots=False)\nclass P:\n    x: int\n    y: int\n' + LOOP, why: 'slots explicitly off: a decision' },
  ],
});
