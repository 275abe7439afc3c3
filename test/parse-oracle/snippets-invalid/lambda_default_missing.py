x = 1
l = lambda a=1, b: 0
