def ok():
    return 1

def broken(:
    pass

def also_ok():
    return 2
