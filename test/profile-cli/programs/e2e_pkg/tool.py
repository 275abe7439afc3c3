# Run as `python -m e2e_pkg.tool ARGS`: checks that hotspy runs modules the way `-m` does.
import sys


def total(n):
    return sum(i * i for i in range(n))


if __name__ == "__main__":
    print("module", __name__, __spec__.name, sys.argv[1:], total(50000))
