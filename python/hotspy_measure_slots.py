"""hotspy: measure what `__slots__` saves per instance on this very interpreter (for HS201/HS202).

Prints one JSON object on stdout. For each attribute count it builds two classes whose `__init__`
assigns that many attributes (one with `__slots__`, one without) and reports:
  - `getsizeof`: sys.getsizeof(instance) + sys.getsizeof(instance.__dict__) vs sys.getsizeof of the
    slotted instance (what the objects themselves report);
  - `traced`: bytes really allocated per instance, measured with tracemalloc over many instances
    created without ever touching `__dict__` (3.11+ may never create the dict at all).
Usage: python hotspy_measure_slots.py [--counts 2,3,...] [--instances N]
Runs on Python 3.6+ (no f-string `=` etc.) and imports nothing outside the stdlib.
"""
import json
import platform
import sys
import tracemalloc


def make_classes(count):
    names = ["a%d" % i for i in range(count)]
    body = "".join("        self.%s = %d\n" % (name, i) for i, name in enumerate(names))
    if not body:
        body = "        pass\n"
    source = (
        "class WithDict(object):\n"
        "    def __init__(self):\n" + body +
        "class WithSlots(object):\n"
        "    __slots__ = %r\n"
        "    def __init__(self):\n" % (tuple(names),) + body
    )
    namespace = {}
    exec(source, namespace)
    return namespace["WithDict"], namespace["WithSlots"]


def traced_bytes_per_instance(cls, instances):
    # The list is allocated before tracing starts so only the instances (and their dicts) count.
    holder = [None] * instances
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for i in range(instances):
        holder[i] = cls()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del holder
    return (after - before) / float(instances)


def measure(count, instances):
    with_dict, with_slots = make_classes(count)
    traced_dict = traced_bytes_per_instance(with_dict, instances)
    traced_slots = traced_bytes_per_instance(with_slots, instances)
    plain = with_dict()
    slotted = with_slots()
    # Reading __dict__ last: on 3.11+ it materialises the dict of this one instance only.
    size_dict = sys.getsizeof(plain) + sys.getsizeof(plain.__dict__)
    size_slots = sys.getsizeof(slotted)
    return {
        "attributes": count,
        "getsizeof": {"dict": size_dict, "slots": size_slots},
        "traced": {"dict": round(traced_dict, 1), "slots": round(traced_slots, 1)},
    }


def main(argv):
    counts = [2, 3, 4, 5, 6, 7, 8]
    instances = 20000
    args = list(argv)
    while args:
        flag = args.pop(0)
        if flag == "--counts" and args:
            counts = sorted({int(c) for c in args.pop(0).split(",") if c.strip()})
        elif flag == "--instances" and args:
            instances = max(100, int(args.pop(0)))
        else:
            sys.stderr.write("hotspy_measure_slots.py: unknown argument %r\n" % flag)
            return 2
    if any(c < 0 or c > 64 for c in counts):
        sys.stderr.write("hotspy_measure_slots.py: attribute counts must be between 0 and 64\n")
        return 2
    result = {
        "python": {
            "implementation": platform.python_implementation(),
            "version": platform.python_version(),
            "executable": sys.executable,
        },
        "instances": instances,
        "measurements": [measure(c, instances) for c in counts],
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
