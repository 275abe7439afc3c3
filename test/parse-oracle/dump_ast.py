"""The parser oracle: dump CPython's `ast.parse` of each file as JSON, in `hotspy ast`'s shape.

Usage: python3.13 dump_ast.py FILE...      one JSON line per file, in order:
         {"path": P, "tree": {...}}              when CPython parses it
         {"path": P, "error": {"lineno": N, "offset": N, "msg": "...", "type": "..."}}  when it refuses it
       python3.13 dump_ast.py --stdin          the same, for the paths read from stdin (one a line)
       python3.13 dump_ast.py --stdin --out-dir DIR
                                               each tree goes to its own file DIR/N.json and the
                                               line says {"path": P, "tree_file": "DIR/N.json"}:
                                               the reader drains a short line at once, so Python
                                               never waits on a busy reader's pipe
       python3.13 dump_ast.py --pretty FILE    the tree of one file, indented
Output is compact (separators=(",", ":"), ensure_ascii) so hotspy's `astToJson(.., {ascii: true})`
can be compared with it as text first. `"path"` is always the first key, so a reader can cut the
tree out of a line without parsing it. Files are read as bytes so that CPython applies PEP 263
and the BOM exactly as it would on import.
Speed matters (the corpus test dumps ~160 MB of Python): the C JSON encoder walks the tree and
calls `as_json` only for AST nodes, whose instance dict already holds the fields then the
positions in `ast` order, so each node costs one dict merge.
"""
import ast
import json
import sys
import time
import warnings

SAFE_INT = 2 ** 53
AST = ast.AST
Constant = ast.Constant

# Singleton-like nodes without fields (Load, Add, ...) always encode the same way.
_EMPTY = {}


def constant(value):
    if value is None or value is True or value is False or value is Ellipsis:
        return {"_type": "ellipsis", "repr": "Ellipsis"} if value is Ellipsis else value
    t = type(value)
    if t is str:
        return value
    if t is int:
        if -SAFE_INT < value < SAFE_INT:
            return value
    elif t is float:
        if value == value and value != float("inf") and value != float("-inf"):
            return value
    return {"_type": t.__name__, "repr": repr(value)}


def as_json(n):
    """json.dumps `default` hook: the dict for one AST node (children are encoded by the caller)."""
    cls = type(n)
    name = cls.__name__
    d = n.__dict__
    if not d:
        out = _EMPTY.get(name)
        if out is None:
            out = _EMPTY[name] = {"_type": name}
        return out
    if cls is Constant:
        return {"_type": name, "value": constant(d["value"]), "kind": d["kind"],
                "lineno": d["lineno"], "col_offset": d["col_offset"],
                "end_lineno": d["end_lineno"], "end_col_offset": d["end_col_offset"]}
    out = {"_type": name}
    out.update(d)
    return out


def _check_layout():
    """`as_json` relies on the instance dict order being `_fields` then `_attributes`; verify once."""
    tree = ast.parse("def f(a: int = 1, *b, c, **d) -> x:\n    return x[1:2]\n")
    for n in ast.walk(tree):
        expected = list(n._fields) + list(n._attributes)
        if list(n.__dict__) != expected:
            raise SystemExit(f"dump_ast.py: unexpected field layout for {type(n).__name__}: {list(n.__dict__)}")


_encode = json.JSONEncoder(separators=(",", ":"), default=as_json, check_circular=False).encode


def dump_line(path, tree_file=None):
    """One JSON line (without newline) for `path`; with `tree_file`, the tree is written there."""
    prefix = '{"path":' + json.dumps(path)
    try:
        with open(path, "rb") as f:
            source = f.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source, filename=path)
        if tree_file is None:
            return prefix + ',"tree":' + _encode(tree) + "}"
        with open(tree_file, "w", encoding="ascii") as out:
            out.write(_encode(tree))
        return prefix + ',"tree_file":' + json.dumps(tree_file) + "}"
    except SyntaxError as e:  # includes IndentationError and TabError
        error = {"lineno": e.lineno, "offset": e.offset, "msg": e.msg, "type": type(e).__name__}
    except (ValueError, UnicodeDecodeError, OSError, RecursionError, MemoryError) as e:
        error = {"lineno": None, "offset": None, "msg": str(e), "type": type(e).__name__}
    return prefix + ',"error":' + json.dumps(error) + "}"


def main(argv):
    _check_layout()
    if argv and argv[0] == "--pretty":
        print(json.dumps(json.loads(dump_line(argv[1])), indent=1))
        return
    interactive = argv[:1] == ["--stdin"]
    out_dir = argv[2] if interactive and argv[1:2] == ["--out-dir"] else None
    # With --stdin the reader hands out paths as results come back, so each line must leave now.
    paths = (line.rstrip("\n") for line in sys.stdin) if interactive else iter(argv)
    out = sys.stdout
    for n, path in enumerate(paths):
        if path:
            tree_file = None if out_dir is None else f"{out_dir}/{n}.json"
            out.write(dump_line(path, tree_file) + "\n")
            if interactive:
                out.flush()
    out.flush()
    if interactive:
        # The reader reports how much CPU the oracle cost (the corpus test's own budget).
        sys.stderr.write(f"dump_ast.py cpu {time.process_time():.3f}\n")


if __name__ == "__main__":
    import gc
    gc.disable()  # AST trees hold no cycles; the cyclic collector only costs time here
    sys.setrecursionlimit(100000)
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)  # repr() of a huge int literal must not fail
    main(sys.argv[1:])
