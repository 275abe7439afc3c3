# Writes to stdout and stderr, then exits with the code given on the command line (or raises
# when asked to), so the tests can check that hotspy passes all of that through.
import sys

print("program stdout line", sys.argv[1:])
sys.stderr.write("program stderr line\n")
if sys.argv[1:2] == ["raise"]:
    raise ValueError("raised on purpose")
sys.exit(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
