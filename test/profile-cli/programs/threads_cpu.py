# CPU-bound work spread over three threads (~1 s): the GIL lets one run at a time, so the
# verdict must be cpu (not io, although the main thread only waits in join) with a GIL note.
import threading


def crunch():
    total = 0
    for i in range(2_500_000):
        total += i * i
    return total


threads = [threading.Thread(target=crunch) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
