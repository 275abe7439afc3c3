match = 1
print(match)
