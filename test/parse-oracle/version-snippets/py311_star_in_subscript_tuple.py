x: tuple[int, *Ts]
