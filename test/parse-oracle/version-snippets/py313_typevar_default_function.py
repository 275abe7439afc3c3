def f[T = int](x: T) -> T:
    return x
