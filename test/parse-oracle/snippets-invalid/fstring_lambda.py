x = 1
y = f"{lambda: 1}"
