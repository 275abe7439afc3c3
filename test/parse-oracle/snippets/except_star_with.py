# `except*` (3.11), parenthesized context managers (3.9/3.10), and the older forms beside them.
try:
    pass
except* ValueError:
    pass
except* (TypeError, KeyError) as group:
    pass
else:
    pass
finally:
    pass

try:
    raise ExceptionGroup("x", [ValueError()])
except* ValueError as e:
    print(e)

try:
    pass
except (ValueError, TypeError) as e:
    pass
except Exception:
    pass
except:
    pass

with (open("a") as a, open("b") as b):
    pass
with (open("a") as a, open("b") as b,):
    pass
with (open("a"), open("b")):
    pass
with (open("a")):
    pass
with (open("a")) as a:
    pass
with (
    open("a") as a,
    open("b"),
):
    pass
with open("a") as a, open("b") as (b, c):
    pass
with (yield):
    pass
with (a, b) as (c, d):
    pass
with (a := open("x")) as f:
    pass


async def f():
    async with (open("a") as a, open("b") as b):
        pass
    async with a as b, c:
        pass
