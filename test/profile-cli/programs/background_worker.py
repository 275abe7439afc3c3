# The main module ends at once, leaving a non-daemon thread computing for ~0.3 s: Python waits
# for it before exiting, and so must the profile (its samples belong to the run).
import threading
import time


def work():
    deadline = time.monotonic() + 0.3
    n = 0
    while time.monotonic() < deadline:
        n += 1


threading.Thread(target=work, name="background").start()
