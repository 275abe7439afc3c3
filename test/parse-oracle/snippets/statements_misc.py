# Statements and expressions the stdlib uses rarely: every import form, global/nonlocal, slices,
# Ellipsis, keyword-only lambdas, class keywords, chained comparisons, deep nesting, type comments.
import os
import os.path
import os.path as osp, sys as system
from . import sibling
from .. import parent
from ...pkg.mod import (a, b as bb,
                        c,)
from .mod import *
from __future__ import annotations
from typing import (
    List,  # comment inside an import list
)


def outer():
    x = 1

    def inner():
        nonlocal x
        global y
        x += 1
    return inner


class K(object, metaclass=type, **{}):
    """Docstring."""
    x: int = 0
    def __init__(self, *args: int, **kwargs: str) -> None:  # type: ignore
        super().__init__()


a = [1, 2, 3]
a[:]; a[1:]; a[:2]; a[::2]; a[1:2:3]; a[::]; a[:, :]; a[..., 1]; a[1:2, ::3, ...]
x = ...
e = Ellipsis
lam = lambda *, a=1, b: (a, b)
lam2 = lambda x=lambda: 1: x
chain = 1 < 2 < 3 == 3 != 4 is not None
nested = ((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))
deep = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
long_sum = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20
calls = f(g(h(i(j(k(l(m(n(o(p()))))))))))
attrs = a.b.c.d.e.f.g.h.i.j.k
cond = a if b else c if d else e if f else g
big_dict = {
    "a": 1,  # comment
    # comment line
    "b": [
        1,
        2,
    ],
    **extra,
}
assert x, "message"
assert (x, "tuple is always true")
raise
raise ValueError
raise ValueError("x") from None
del x
pass
if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass
for i in range(3):
    continue
else:
    pass
while False:
    break
try:
    pass
finally:
    pass
try:
    pass
except ValueError:
    pass
else:
    pass
x = [i for i in a for j in a if i if j]
x = {i for i in a}
x = {i: j for i, j in a}
x = (i for i in a)
x = [(yield) for _ in ()] if False else None
x = not not a
x = a.__class__.__name__
x = print
x = None, True, False
x = [
    1,
    2
]
x = '\N{GREEK SMALL LETTER ALPHA}'
x = 1 if True else(2)
x = [1,2,][0]
x = (1)
x = (1,)[0]
x = a @ b
x = a if a else(b)
if(a):pass
print((yield)) if False else None
x = -(-1)
x = (-1) ** 2
x = -1 ** 2
x = 2 ** -1
x = a[-1]
x = a.b(c)[d].e
x = "a" in "abc" not in "d"
x: "Forward"
def ann(a: "str" = "x", *b: int, c: "int" = 3, **d: float) -> "None": ...
def defaults(a, b=1, *, c, d=2): ...
def kwonly(*, a): ...
def varargs(*args): ...
def kwargs(**kwargs): ...
def nothing(): ...
class Empty: ...
class Bases(A, B): ...
class KwOnly(metaclass=M): ...
class Call(f()): ...
