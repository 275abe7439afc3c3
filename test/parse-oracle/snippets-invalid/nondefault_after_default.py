x = 1
def f(a=1, b):
    pass
