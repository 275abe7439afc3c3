# Soft keywords (`match`, `case`, `type`, `_`) as names in every position they stay names.
match = case = type = _ = [1, 2]
match[0] = 1
match.append(3) if hasattr(match, "append") else None
match (1) if False else None
print(match, case, type, _)
match, case = 1, 2
match: int = 1
match -x:
    case -1:
        pass
match x, y:
    case a, b:
        pass
match [a, b]:
    case [1, 2]:
        pass
match {1: 2}:
    case {1: 2}:
        pass
match not_a_keyword:
    case case:
        pass
match match:
    case match:
        pass
match (x):
    case type:
        pass
match x:
    case {"type": type, **rest}:
        pass
type(x)
type.mro
type[int]
type = 1
type X = int
type match = int
type type = type
type case[match] = case
def match(match, case, type): return match
class case: pass
import match as type
from type import match, case
