a = [1]
for x in *a, *a:
    pass
