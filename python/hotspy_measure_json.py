"""hotspy: time the stdlib `json` module against orjson on this very interpreter (for HS401).

Prints one JSON object on stdout. It generates a deterministic payload of records shaped like a
typical API response (ids, strings, floats, booleans, None, nested dicts and lists), checks that
both libraries round-trip it to equal data, and times `dumps`, `loads` and indented `dumps` with
each library: best of several repeats of a loop sized to take about --seconds each.
If orjson cannot be imported, only the stdlib is timed and `orjson` is null with the reason.
Usage: python hotspy_measure_json.py [--records N] [--repeat R] [--seconds S]
Runs on Python 3.6+ and needs nothing outside the stdlib (orjson is optional).
"""
import json
import platform
import random
import sys
import time


def make_payload(records):
    rnd = random.Random(20261124)
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett"]
    out = []
    for i in range(records):
        out.append({
            "id": i,
            "name": "%s %s" % (rnd.choice(words).title(), rnd.choice(words).title()),
            "email": "user%d@example.com" % i,
            "active": rnd.random() < 0.8,
            "score": round(rnd.uniform(0, 100), 3),
            "manager": None if i % 7 else i // 7,
            "tags": [rnd.choice(words) for _ in range(3)],
            "address": {"street": "%d %s Street" % (rnd.randint(1, 999), rnd.choice(words).title()), "city": rnd.choice(words).title(), "zip": "%05d" % rnd.randint(0, 99999)},
            "history": [{"ts": 1700000000 + rnd.randint(0, 10 ** 6), "amount": round(rnd.uniform(-500, 500), 2)} for _ in range(5)],
        })
    return out


def best_time(fn, seconds, repeat):
    """Seconds per call: calibrate a loop count, then take the best of `repeat` runs."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= seconds / 5 or number >= 1 << 20:
            break
        number *= 2
    number = max(1, int(number * (seconds / max(elapsed, 1e-9))))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def main(argv):
    records, repeat, seconds = 2000, 5, 0.2
    i = 0
    while i < len(argv):
        if argv[i] == "--records":
            records = int(argv[i + 1])
        elif argv[i] == "--repeat":
            repeat = int(argv[i + 1])
        elif argv[i] == "--seconds":
            seconds = float(argv[i + 1])
        else:
            sys.stderr.write("unknown argument %s\n" % argv[i])
            return 2
        i += 2
    payload = make_payload(records)
    text = json.dumps(payload)
    result = {
        "python": {"executable": sys.executable, "implementation": platform.python_implementation(), "version": platform.python_version()},
        "records": records,
        "bytes": len(text.encode("utf-8")),
        "repeat": repeat,
        "stdlib": {
            "dumps": best_time(lambda: json.dumps(payload), seconds, repeat),
            "loads": best_time(lambda: json.loads(text), seconds, repeat),
            "dumps_indent": best_time(lambda: json.dumps(payload, indent=2), seconds, repeat),
        },
        "orjson": None,
        "orjson_missing": None,
    }
    try:
        import orjson
    except Exception as e:  # ImportError, or a broken build
        result["orjson_missing"] = "%s: %s" % (type(e).__name__, e)
    else:
        if orjson.loads(orjson.dumps(payload)) != json.loads(text):
            sys.stderr.write("orjson and json disagree on the payload\n")
            return 1
        result["orjson"] = {
            "version": getattr(orjson, "__version__", "unknown"),
            "dumps": best_time(lambda: orjson.dumps(payload), seconds, repeat),
            "loads": best_time(lambda: orjson.loads(text), seconds, repeat),
            "dumps_indent": best_time(lambda: orjson.dumps(payload, option=orjson.OPT_INDENT_2), seconds, repeat),
        }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
