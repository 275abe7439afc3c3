# hotspy's profiling bootstrap: runs a Python program exactly as `python script.py ...` or
# `python -m module ...` would (sys.argv, __main__, sys.path[0]) under cProfile and hotspy's
# line sampler, and writes both profiles even when the program exits or raises. Stdlib only.
#
# usage: python hotspy_run.py [--prof PATH] [--samples PATH] [--interval SECONDS]
#                             (-m MODULE | SCRIPT) [ARGS...]
import atexit
import os
import signal
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_ORIGINAL_PID = os.getpid()


def _usage(message):
    sys.stderr.write("hotspy: bootstrap: %s\n" % message)
    sys.exit(2)


def _parse(argv):
    options = {"prof": None, "samples": None, "interval": 0.005, "module": None, "script": None}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--prof", "--samples", "--interval"):
            if i + 1 >= len(argv):
                _usage("%s needs a value" % arg)
            value = argv[i + 1]
            if arg == "--interval":
                try:
                    options["interval"] = float(value)
                except ValueError:
                    _usage("--interval needs a number of seconds, got %r" % value)
            else:
                options[arg[2:]] = value
            i += 2
        elif arg == "-m":
            if i + 1 >= len(argv):
                _usage("-m needs a module name")
            options["module"] = argv[i + 1]
            return options, argv[i + 2 :]
        elif arg == "--":
            i += 1
        else:
            options["script"] = arg
            return options, argv[i + 1 :]
    _usage("no program to run")


def _load_sampler():
    # Loaded by path so that hotspy's own directory never stays on the program's sys.path.
    import importlib.util

    spec = importlib.util.spec_from_file_location("hotspy_sampler", os.path.join(_HERE, "hotspy_sampler.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fresh_main():
    """Install an empty __main__ module for the program (ours keeps living through __globals__)."""
    import types

    main = types.ModuleType("__main__")
    main.__dict__["__builtins__"] = __builtins__
    sys.modules["__main__"] = main
    return main


def _set_path0(entry):
    # `python -P`/`-I` (safe_path) adds nothing to sys.path; otherwise sys.path[0] is hotspy's
    # python/ directory here, and the program expects its own entry in that slot.
    if getattr(sys.flags, "safe_path", False) or getattr(sys.flags, "isolated", False):
        return
    if sys.path and os.path.abspath(sys.path[0] or ".") == _HERE:
        sys.path[0] = entry
    else:
        sys.path.insert(0, entry)


def _prepare_script(script, args):
    """Return the code and __main__ globals that run `script` the way `python script` does."""
    sys.argv = [script] + list(args)
    if os.path.isdir(script) or not script.endswith((".py", ".pyw")) and _is_zip(script):
        # A directory or zip application: Python puts it on sys.path and runs its __main__.
        _set_path0(script)
        return _module_code("__main__", main_of_path=True)
    _set_path0(os.path.dirname(os.path.realpath(script)))
    # Python 3.9+ gives the main script an absolute __file__ (and co_filename); 3.8 kept it as typed.
    filename = os.path.abspath(script) if sys.version_info >= (3, 9) else script
    import io
    from importlib.machinery import SourceFileLoader

    with io.open_code(script) as handle:
        source = handle.read()
    code = compile(source, filename, "exec", dont_inherit=True)
    main = _fresh_main()
    main.__dict__.update(
        __file__=filename,
        __cached__=None,
        __loader__=SourceFileLoader("__main__", filename),
        __spec__=None,
        __package__=None,
        __doc__=None,
    )
    return code, main.__dict__


def _is_zip(path):
    import zipfile

    try:
        return zipfile.is_zipfile(path)
    except OSError:
        return False


def _prepare_module(module, args):
    sys.argv = [module] + list(args)
    _set_path0(os.getcwd())
    return _module_code(module, main_of_path=False)


def _module_code(name, main_of_path):
    """Find a module's code and its __main__ globals the way runpy's -m / zipapp path does."""
    import runpy

    try:
        if main_of_path:
            name, spec, code = runpy._get_main_module_details(runpy._Error)
        else:
            name, spec, code = runpy._get_module_details(name, runpy._Error)
    except runpy._Error as error:
        sys.exit("%s: %s" % (sys.executable, error))
    if not main_of_path:
        sys.argv[0] = spec.origin
    main = _fresh_main()
    loader = spec.loader
    main.__dict__.update(
        __name__="__main__",
        __file__=spec.origin if spec.has_location else None,
        __cached__=spec.cached if spec.has_location else None,
        __doc__=None,
        __loader__=loader,
        __package__=spec.parent,
        __spec__=spec,
    )
    return code, main.__dict__


def _trim_traceback(tb, setup):
    while tb is not None and tb.tb_frame.f_code.co_filename in setup:
        tb = tb.tb_next
    return tb


def _wait_for_threads():
    import threading

    current = threading.current_thread()
    while True:
        alive = [t for t in threading.enumerate() if t is not current and not t.daemon and t.is_alive()]
        if not alive:
            return
        for thread in alive:
            thread.join()


# Profilers of the program's own threads (Python <= 3.11, where cProfile sees one thread only).
_THREAD_PROFILERS = []


def _profile_new_threads(cProfile):
    """Give every thread the program starts a cProfile profiler of its own.

    Up to Python 3.11 a cProfile profiler only sees the thread that enabled it, so work done on
    `threading`/`ThreadPoolExecutor` threads would be invisible; from 3.12 on cProfile is built on
    sys.monitoring and already sees every thread. The hook runs once per new thread, on its first
    call event, and hands the thread over to its own profiler.
    """
    if sys.version_info >= (3, 12):
        return
    import threading

    lock = threading.Lock()

    def start_profiler(frame, event, arg):
        profiler = cProfile.Profile()
        with lock:
            _THREAD_PROFILERS.append(profiler)
        profiler.enable()

    threading.setprofile(start_profiler)


def _merged_stats(profiler):
    """The main profiler's stats plus every thread profiler's, added up as pstats.Stats.add does.
    Thread times add up across threads: with several threads the sum can exceed the wall time."""
    import pstats

    profiler.create_stats()
    stats = dict(profiler.stats)
    for other in list(_THREAD_PROFILERS):
        # snapshot_stats, not create_stats: disable() would switch off the *main* thread's profiler.
        other.snapshot_stats()
        for key, value in other.stats.items():
            stats[key] = pstats.add_func_stats(stats[key], value) if key in stats else value
    return stats


def _dump_without_sampler(profiler, path):
    """Write the cProfile stats without the sampler's signal handler, which ran inside the program
    (cProfile records every Python call in the main thread, that one included)."""
    import marshal

    ours = os.path.join(_HERE, "hotspy_sampler.py")
    stats = {}
    for key, (cc, nc, tt, ct, callers) in _merged_stats(profiler).items():
        if key[0] == ours:
            continue
        kept = {}
        for caller, edge in callers.items():
            if caller[0] != ours:
                kept[caller] = edge
            elif isinstance(edge, tuple):
                # Calls made by the handler come off this function's totals too (edge: nc, cc, tt, ct).
                nc, cc, tt, ct = nc - edge[0], cc - edge[1], tt - edge[2], ct - edge[3]
        if nc > 0 or not callers:
            stats[key] = (cc, nc, max(0.0, tt), max(0.0, ct), kept)
    with open(path, "wb") as out:
        marshal.dump(stats, out)


def _write_outputs(options, profiler, sampler, exit_status):
    if os.getpid() != _ORIGINAL_PID:
        return  # a forked child finishing normally must not overwrite the parent's profile
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut a write
    try:
        if profiler is not None:
            try:
                tmp = "%s.tmp%d" % (options["prof"], os.getpid())
                _dump_without_sampler(profiler, tmp)
                os.replace(tmp, options["prof"])
            except Exception as error:
                sys.stderr.write("hotspy: could not write %s: %s\n" % (options["prof"], error))
        if sampler is not None:
            try:
                sampler.write(options["samples"], argv=sys.argv, exit_status=exit_status)
            except Exception as error:
                sys.stderr.write("hotspy: could not write %s: %s\n" % (options["samples"], error))
    finally:
        signal.signal(signal.SIGINT, previous)


def main():
    options, args = _parse(sys.argv[1:])
    sampler_module = _load_sampler() if options["samples"] else None
    setup = {os.path.abspath(__file__), "<frozen runpy>"}
    try:
        import runpy

        setup.add(runpy.__file__)
    except Exception:
        pass
    try:
        if options["module"] is not None:
            code, main_globals = _prepare_module(options["module"], args)
        else:
            code, main_globals = _prepare_script(options["script"], args)
    except OSError as error:
        sys.stderr.write("%s: can't open file %r: %s\n" % (sys.executable, options["script"], error))
        sys.exit(2)
    except SyntaxError:
        import traceback

        traceback.print_exc(limit=0)
        sys.exit(1)

    profiler = None
    if options["prof"]:
        import cProfile

        profiler = cProfile.Profile()
    sampler = None
    if sampler_module is not None:
        sampler = sampler_module.Sampler(options["interval"])
        sampler.start()

    outcome = None
    status = "normal"
    if profiler is not None:
        # After the sampler started, so that its own thread is not profiled.
        _profile_new_threads(cProfile)
        profiler.enable()
    try:
        exec(code, main_globals)
    except SystemExit as error:
        outcome = error
        status = "exit:%s" % (error.code if isinstance(error.code, int) or error.code is None else 1)
    except KeyboardInterrupt as error:
        outcome = error
        status = "interrupt"
    except BaseException as error:
        outcome = error
        status = "exception:%s" % type(error).__name__
    finally:
        if profiler is not None:
            profiler.disable()

    reported = False
    if outcome is not None and not isinstance(outcome, SystemExit):
        # An uncaught exception: report it now, as the interpreter does (through sys.excepthook,
        # without hotspy's frames), before it waits for the program's other threads.
        trimmed = _trim_traceback(outcome.__traceback__, setup)
        sys.excepthook(type(outcome), outcome.with_traceback(trimmed), trimmed)
        reported = True
    if not isinstance(outcome, KeyboardInterrupt):
        # Python waits for non-daemon threads when the main module is done; the sampler keeps
        # sampling them meanwhile (cProfile, like `python -m cProfile`, covers the main module).
        try:
            _wait_for_threads()
        except KeyboardInterrupt as error:
            outcome, status = error, "interrupt"
    if sampler is not None:
        sampler.stop()
    _write_outputs(options, profiler, sampler, status)

    if outcome is None:
        return
    if isinstance(outcome, SystemExit):
        raise outcome.with_traceback(None)  # the interpreter prints/exits exactly as it would have
    # Exit 1 after an exception, or by SIGINT for KeyboardInterrupt like CPython 3.8+.
    if not reported:
        trimmed = _trim_traceback(outcome.__traceback__, setup)
        sys.excepthook(type(outcome), outcome.with_traceback(trimmed), trimmed)
    if isinstance(outcome, KeyboardInterrupt) and hasattr(signal, "SIGINT") and hasattr(os, "kill"):
        atexit._run_exitfuncs()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            pass
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    sys.exit(1)


if __name__ == "__main__":
    main()
