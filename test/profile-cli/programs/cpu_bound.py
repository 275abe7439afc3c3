# A clearly CPU-bound program for the end-to-end tests: pure-Python arithmetic for ~0.4 s,
# most of it in one function (`collatz_steps`) on one line.
import sys


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1  # the hot line
        steps += 1
    return steps


def main(limit):
    best = max(range(1, limit), key=collatz_steps)
    sys.stderr.write("longest chain below %d starts at %d\n" % (limit, best))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
