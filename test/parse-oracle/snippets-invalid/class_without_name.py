x = 1
class:
    pass
