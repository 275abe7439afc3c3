# Assignment and deletion targets, for/with targets, and their Store/Del contexts and positions.
a.b = c[d] = e = (f) = [g, *h] = i, j = k
[a, *b] = (c, d) = e
(a), b = 1, 2
a, = b
(a, b), [c, d] = e
a[1:2] = b[::3] = c[...] = d
a.b.c[0].d = 1
x: "str" = y
(a.b): int = 1
a[0]: int
del a, (b), [c], d.e, f[0], (g, h), [i, j]
del (a, b)
del [a]
for (a, b) in x: pass
for [a, b] in x: pass
for a, in x: pass
for a.b in x: pass
for a[0] in x: pass
for *a, b in x: pass
with a as b.c, d as e[0], f as (g, *h): pass
x = *a,
x = *a, *b
x = yield from y if False else None
x = await y if False else None
x = a if b else lambda: c
x = not a == b
x = -1 ** 2
x = ~a + -b * +c
async def f():
    x = await y ** 2
    x = [await z for z in y]
    async for a.b in y: pass
    async with a as (b, c): pass
print(*a, **b, c=1)
class A(*a, **kw): pass
import a.b.c as d
from . import (a as b)
from .a.b import c as d, e
x[()] = x[1:2,] = x[a:b, c] = x[:, ::, ...] = 0
