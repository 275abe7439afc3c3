# Computes and sleeps in turns until interrupted (at most 20 s), after telling the test it runs:
# Ctrl-C must still leave a profile and a report behind.
import sys
import time


def work():
    return sum(range(20000))


print("ready", flush=True)
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    work()
    time.sleep(0.005)
