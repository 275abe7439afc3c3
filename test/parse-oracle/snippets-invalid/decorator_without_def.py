x = 1
@dec
x = 2
