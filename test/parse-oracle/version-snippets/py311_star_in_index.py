a = {}
b = a[*t]
