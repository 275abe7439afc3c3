# One thread computes while another sleeps, for ~0.3 s: the sampler must see both threads (but
# never itself), with lines, and flag the sleeper as waiting and the worker as running.
import threading
import time


def sleeper():
    time.sleep(0.3)


def spin(deadline):
    n = 0
    while time.monotonic() < deadline:
        n += 1
    return n


t = threading.Thread(target=sleeper, name="sleeper")
t.start()
spin(time.monotonic() + 0.3)
t.join()
