# `type` statements and type parameters (3.12), with bounds, constraints and defaults (3.13).
type Alias = int
type ListOrSet[T] = list[T] | set[T]
type Pair[K, V] = tuple[K, V]
type Bounded[T: int] = list[T]
type Constrained[T: (int, str)] = list[T]
type WithDefault[T = int] = list[T]
type Everything[T: int = bool, *Ts = *tuple[int, ...], **P = [int, str]] = tuple[T, *Ts]
type Recursive = list[Recursive] | None


def first[T](xs: list[T]) -> T:
    return xs[0]


def bounded[T: (int, float), U: str = str](x: T, y: U) -> T:
    return x


def variadic[*Ts](*args: *Ts) -> tuple[*Ts]:
    return args


def params[**P, R](f: "Callable[P, R]") -> "Callable[P, R]":
    return f


async def coro[T](x: T) -> T:
    return x


class Box[T]:
    def get(self) -> T: ...


class Mapping[K: str, V = int](dict[K, V]):
    pass


class Multi[T, *Ts, **P](Base, metaclass=Meta):
    pass


class Empty[T,]:
    pass


type = "soft keyword used as a name"
type.upper()
print(type)
type X = type
