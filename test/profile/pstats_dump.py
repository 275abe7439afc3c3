"""Test oracle: print pstats' own view of a stats file as JSON (one object per function, in
pstats' dict order), so the TypeScript reader can be compared with it number for number."""
import json
import pstats
import sys


def name_of(n):
    # `python -m profile` keys its root by a code object; report it by its co_name.
    return n if isinstance(n, str) else {"code": n.co_name, "file": n.co_filename, "line": n.co_firstlineno}


def main(paths):
    out = []
    for path in paths:
        st = pstats.Stats(path)
        funcs = []
        for (file, line, name), (cc, nc, tt, ct, callers) in st.stats.items():
            edges = []
            for (cf, cl, cn), v in callers.items():
                edges.append([cf, cl, name_of(cn), list(v) if isinstance(v, tuple) else v])
            funcs.append([file, line, name_of(name), cc, nc, tt, ct, edges])
        out.append({"path": path, "total_tt": st.total_tt, "total_calls": st.total_calls,
                    "prim_calls": st.prim_calls, "functions": funcs})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
