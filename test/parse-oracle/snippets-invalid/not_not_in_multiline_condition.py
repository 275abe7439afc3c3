def f(a, b):
    if (a in b and
            a.value not not in ('x', 'y')):
        pass
