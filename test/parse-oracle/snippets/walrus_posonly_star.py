# Walrus (3.8) everywhere it is allowed, positional-only parameters, star expressions in index,
# return, for, yield and subscripts (3.9/3.11), decorators with arbitrary expressions (3.9).
data = [1, 2, 3]
if (n := len(data)) > 2:
    pass
[y := 5, y ** 2]
[z for x in data if (z := x * 2) > 2]
{k: (v := k) for k in data}
while (chunk := data.pop()) and chunk:
    break
print(total := 10, data[(i := 0)])
f = lambda: (w := 1)
data[i := 1] if False else None
data[(j := 1):(k := 2)]


def pos(a, b, /, c, d=1, *, e, f=2, **kw):
    pass


def pos_only(a, /):
    pass


def pos_default(a=1, /, b=2, *args, c, **kwargs):
    pass


lambda a, /, b, *, c: a
lambda a=1, /: a
lambda *args, **kw: 0
lambda *, k: k


def star_return():
    return *data, 4


def star_yield():
    yield *data, 5


for x in *data, 6:
    pass
a, *rest = data
*init, last = data
[*a, b] = data
(*a,) = data
data[*data]
data[1:2, *data]
data[*data, 1]
t = *data, *data
print(*data, *data, sep="")
s = {*data, *data}
d = {**{}, "a": 1, **{"b": 2}}


@data[0].method(1)(2)
def deco1():
    pass


@(lambda f: f)
def deco2():
    pass


@x if x else y
def deco3():
    pass


@(yield_ := staticmethod)
class C:
    @property
    @functools.cache
    def m(self): ...


del data[0], (a), [b]
global_ = None
x = y = z = 1
x: int = 1
x: int
(x): int = 1
x.y: int
x[0]: int = 2
x += 1; x -= 1; x *= 1; x @= 1; x /= 1; x //= 1; x %= 1; x **= 1
x >>= 1; x <<= 1; x &= 1; x ^= 1; x |= 1
x = not a and b or c
x = a if b else c if d else e
x = a < b <= c > d >= e == f != g is h is not i in j not in k
x = -a + +b - ~c * d @ e / f // g % h ** -i
x = a << b >> c & d ^ e | f
x = await_ = 1
x = yield_ = 2
x = a.b.c[d](e)(f=1, *g, **h)[i:j:k][::][:]
x = f(a for a in b)
x = f(*a, b, *c, d=1, **e, f=2)
x = (yield)
x = ()
x = (1,)
x = 1,
x = [], {}, set()
