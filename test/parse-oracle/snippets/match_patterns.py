# `match` (3.10+) with every pattern kind, guards, and `match`/`case` used as ordinary names.
import enum


class Color(enum.Enum):
    RED = 1


class Point:
    __match_args__ = ("x", "y")


def describe(command, point, value):
    match command.split():
        case [action]:
            return action
        case [action, obj]:
            return action, obj
        case ["go", ("north" | "south") as direction, *rest]:
            return direction, rest
        case ["drop", *objects] if objects:
            return objects
        case []:
            return None
        case _:
            pass
    match point:
        case Point(x=0, y=0):
            pass
        case Point(0, y):
            pass
        case Point(x, y=yy) if x == yy:
            pass
        case Point():
            pass
        case (0, 0) | [1, 1]:
            pass
        case (x, y, *_):
            pass
        case {"x": 1, "y": yv, **rest}:
            pass
        case {1: _, -2: _, 3.5: _, "k": _, b"b": _, Color.RED: _}:
            pass
        case {}:
            pass
    match value:
        case 1 | -1 | 1.5 | -2.5e3 | 1j | -1j | 1 + 2j | -1 - 2j | 0x1F | 0o17 | 0b101:
            pass
        case "s" "t" | b"b" | f"" if False:
            pass
        case None | True | False:
            pass
        case Color.RED | enum.Enum:
            pass
        case str() | bytes() as text:
            pass
        case [*_, last] | (last,):
            pass
        case (a, b) | [a, b, _]:
            pass
        case int(n) if n > 0:
            pass
        case (x):
            pass
    match value,:
        case (1,):
            pass
    match *[value], value:
        case [*head, tail]:
            pass
    match (value):
        case _ if value:
            pass
        case other:
            pass
    match value:
        case [
            1,
            2,
        ]:
            pass
        case {
            "multi": line,
        }:
            pass


match = 1
case = 2
match.real if False else None
match[0] if False else None
match(1) if False else None
print(match, case)
_ = 3
type = 4
