def f() -> tuple[*Ts]:
    pass
