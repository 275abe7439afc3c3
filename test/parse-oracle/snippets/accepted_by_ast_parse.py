# Code CPython's compiler rejects but ast.parse accepts: hotspy's parser (like ast.parse) must accept it.
def f():
    global x
    x: int = 1
f(a=1, a=2)
*a = [1]
def f[T = int, U](): pass
