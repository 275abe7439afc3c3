# hotspy's line-level sampler: a daemon thread that reads sys._current_frames() at a fixed
# interval and counts distinct (thread, running/waiting, stack-with-lines) combinations, then
# writes them in the hotspy-samples format (docs/sampler-format.md). Python 3.8+, stdlib only.
import json
import os
import platform
import signal
import sys
import threading
import time

FORMAT_VERSION = 1

# Frames from these files set the program up (hotspy's bootstrap, runpy); they are cut from the
# outer end of each stack so that stacks start at the program's own code.
_SETUP_FILES = {
    os.path.abspath(__file__),
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "hotspy_run.py"),
}


def _setup_file_names():
    names = set(_SETUP_FILES)
    try:
        import runpy

        names.add(runpy.__file__)
    except Exception:
        pass
    names.add("<frozen runpy>")
    return names


def _thread_cpu_reader():
    """Return (mode, reader) where reader(ident) gives that thread's CPU seconds or None."""
    getclock = getattr(time, "pthread_getcpuclockid", None)
    gettime = getattr(time, "clock_gettime", None)
    if getclock is not None and gettime is not None:
        try:
            gettime(getclock(threading.get_ident()))

            def read(ident):
                try:
                    return gettime(getclock(ident))
                except (OSError, OverflowError, ValueError):
                    return None

            return "thread", read
        except (OSError, OverflowError, ValueError):
            pass
    if hasattr(time, "thread_time"):
        return "process", None
    return "none", None


def _own_runqueue_wait():
    """Seconds the calling thread has spent runnable but not running (Linux schedstat), or None."""
    try:
        with open("/proc/thread-self/schedstat", "rb") as handle:
            return int(handle.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


class Sampler:
    """Samples every thread but its own every `interval` seconds until stop() is called."""

    def __init__(self, interval=0.005):
        if not interval > 0:
            raise ValueError("interval must be positive")
        self.interval = float(interval)
        self.cpu_clock, self._thread_cpu = _thread_cpu_reader()
        self._counts = {}  # (ident, idle, frames tuple) -> count
        self._code_frames = {}  # code object -> (file, name, firstline): avoids rebuilding tuples
        self._last_cpu = {}  # ident -> (cpu seconds, wall seconds, run-queue seconds or None)
        self._last_process = None  # (process cpu - sampler cpu, wall) for the "process" mode
        self._names = {}  # ident -> thread name (False: not a threading.Thread)
        self._native_ids = {}  # ident -> kernel thread id, for /proc schedstat
        self._seen = set()  # idents of the threads alive at the previous tick
        self._schedstat_fds = {}  # ident -> open /proc/self/task/<tid>/schedstat
        self.runqueue = hasattr(os, "pread") and os.path.exists("/proc/thread-self/schedstat")
        self.runqueue_seconds = 0.0
        self.skipped_samples = 0
        self._read_always = False
        self.busy_sum = 0.0
        self.busy_ticks = 0
        self._stop = threading.Event()
        self._stopping = False
        self._thread = None
        self.ticks = 0
        self.missed_ticks = 0
        self.first_tick = None
        self.last_tick = None
        self.sampler_cpu = None
        self.start_time = None
        self._starter = None
        self._starter_queued0 = None
        self.wall = None
        self.process_cpu = None
        self.pid = os.getpid()
        self.error = None  # set when sampling stopped early because of an error in the sampler
        self.main_thread_signal = True  # sample the main thread's running stacks from SIGPROF
        self.main_thread_mode = "thread"
        self._signal_ident = None
        self._signal_cpu_mark = 0.0
        self.signal_samples = 0
        self._handler = self._on_sigprof  # one bound method, so getsignal() can be compared with it

    def start(self):
        self.start_time = time.time()
        self._wall0 = time.monotonic()
        self._cpu0 = time.process_time()
        self._starter = threading.get_ident()
        self._starter_queued0 = _own_runqueue_wait() if self.runqueue else None
        if self.main_thread_signal:
            self._start_signal()
        self._thread = threading.Thread(target=self._run, name="hotspy-sampler", daemon=True)
        self._thread.start()

    def _start_signal(self):
        """Sample the main thread's running stacks from SIGPROF (see docs/profile.md).

        The sampler thread can read the main thread's stack only when the main thread releases
        the GIL, which happens at I/O calls and switch points and so skews where running samples
        land. SIGPROF fires every `interval` of process CPU time and its handler runs in the main
        thread at the next bytecode that checks for it, inside whatever frame is running.
        """
        if (
            not hasattr(signal, "SIGPROF")
            or not hasattr(signal, "setitimer")
            or not hasattr(time, "thread_time")
            or threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGPROF) not in (signal.SIG_DFL, None)
        ):
            return
        try:
            signal.signal(signal.SIGPROF, self._handler)
            # Restart interrupted system calls: the program must not see EINTR because of us.
            signal.siginterrupt(signal.SIGPROF, False)
            self._signal_ident = threading.get_ident()
            self._signal_cpu_mark = time.thread_time()
            signal.setitimer(signal.ITIMER_PROF, self.interval, self.interval)
            self.main_thread_mode = "signal"
        except (OSError, ValueError, RuntimeError):
            self._signal_ident = None

    def _stop_signal(self):
        if self._signal_ident is None:
            return
        try:
            signal.setitimer(signal.ITIMER_PROF, 0, 0)
            if signal.getsignal(signal.SIGPROF) is self._handler:
                signal.signal(signal.SIGPROF, signal.SIG_DFL)
        except (OSError, ValueError, RuntimeError):
            pass

    def _signal_in_charge(self):
        """Whether SIGPROF still samples the main thread (the program may have taken it over)."""
        if self._signal_ident is None:
            return False
        try:
            return signal.getsignal(signal.SIGPROF) is self._handler
        except (ValueError, RuntimeError):
            return False

    def _on_sigprof(self, signum, frame):
        if self._stopping or frame is None:
            return
        # One sample per `interval` of the main thread's own CPU time, whatever the signal's
        # timing (it counts the whole process's CPU, and may run late).
        cpu = time.thread_time()
        n = int((cpu - self._signal_cpu_mark) / self.interval)
        if n <= 0:
            return
        self._signal_cpu_mark += n * self.interval
        key = (self._signal_ident, False, self._stack_of(frame))
        self._counts[key] = self._counts.get(key, 0) + n
        self.signal_samples += n

    def stop(self):
        self._stopping = True  # first, before anything here can release the GIL to the sampler
        self._stop_signal()
        wall1 = time.monotonic()
        cpu1 = time.process_time()
        if self._starter_queued0 is not None and threading.get_ident() == self._starter:
            # How long the thread that started sampling (the program's main thread) was runnable
            # but waiting for a CPU that other processes had: time the machine took, not the program.
            queued1 = _own_runqueue_wait()
            if queued1 is not None:
                self.runqueue_seconds = max(0.0, queued1 - self._starter_queued0)
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2.0)
        if self.start_time is not None:
            # The whole process's CPU use (all threads, user + system) over the run, minus the
            # sampler's own: the most direct CPU-bound vs I/O-bound evidence there is.
            self.wall = wall1 - self._wall0
            self.process_cpu = max(0.0, cpu1 - self._cpu0 - (self.sampler_cpu or 0.0))

    def _run(self):
        own = threading.get_ident()
        own_cpu = getattr(time, "thread_time", None)
        interval = self.interval
        wait = self._stop.wait
        clock = time.monotonic
        # When the program is computing, a woken sampler still waits for the GIL (up to
        # sys.getswitchinterval(), 5 ms by default) before it runs. `lag` tracks that delay so
        # the sampler asks to wake up that much earlier and keeps the requested rate.
        lag = 0.0
        shortest_sleep = interval * 0.1
        due = clock() + interval
        try:
            while True:
                sleep = max(shortest_sleep, due - lag - clock())
                wake_at = clock() + sleep
                if wait(sleep) or self._stopping:
                    break
                now = clock()
                lag = min(interval, 0.7 * lag + 0.3 * max(0.0, now - wake_at))
                self._tick(own, now)
                # The next tick is the first due time still ahead. Due times that passed while
                # the sampler could not run (GIL held by native code, machine busy) are not
                # caught up with a burst; they are counted, which keeps the achieved rate honest.
                late = now - due
                skipped = int(late // interval) if late > 0 else 0
                self.missed_ticks += skipped
                due += (skipped + 1) * interval
        except Exception as error:  # never let a sampler bug print into the program's stderr
            self.error = "%s: %s" % (type(error).__name__, error)
        finally:
            for ident in list(self._schedstat_fds):
                self._forget_thread(ident)
            if own_cpu is not None:
                self.sampler_cpu = own_cpu()

    def _idle_flags(self, idents, now):
        """Idle flag per ident: True/False, None if unknowable here, "first" or "skip" to not record."""
        flags = {}
        if self.cpu_clock == "thread":
            last = self._last_cpu
            busy = 0.0  # how much of this interval some thread of the program was on a CPU
            complete = True  # every thread's share known (a tick with a guess is left out)
            for ident in idents:
                cpu = self._thread_cpu(ident)
                if cpu is None:
                    # The thread ended while the GIL was released for another thread's reading.
                    flags[ident] = "skip"
                    complete = False
                    last.pop(ident, None)
                    continue
                previous = last.get(ident)
                if previous is None:
                    last[ident] = (cpu, now, None)
                    flags[ident] = "first"
                    complete = False
                    continue
                wall = now - previous[1]
                if wall <= 0:
                    flags[ident] = "skip"
                    complete = False
                    continue
                ran = cpu - previous[0]
                queued = None
                available = wall
                flag = ran < 0.5 * wall
                if ran < 0.9 * wall or self._read_always:
                    # Little CPU for a running thread: it waited, or it was runnable while the
                    # machine was busy. Linux's schedstat tells the two apart. It is read only
                    # when the interval was not plainly running, because the read releases the
                    # GIL, which costs a CPU-bound program's sampler a switch interval.
                    queued = self._runqueue_wait(ident)
                    if queued is not None:
                        if previous[2] is None:
                            # No run-queue reading at the previous tick to compare with: rather
                            # than guess, this sample is not taken (the next one will be exact),
                            # and from now on every tick reads it: the machine is busy.
                            flag = "skip" if flag else False
                            self._read_always = True
                        else:
                            # Time spent waiting for a CPU is the machine's doing, not the
                            # thread's: judge the thread on the rest of the interval.
                            waited_for_cpu = max(0.0, queued - previous[2])
                            available = wall - waited_for_cpu
                            flag = available > 0 and ran < 0.5 * available
                last[ident] = (cpu, now, queued)
                flags[ident] = flag
                if flag == "skip":
                    complete = False
                else:
                    busy += 1.0 if available <= 0 else min(1.0, ran / available)
            if complete and idents:
                # Threads take turns holding the GIL, so their shares of one interval add up to
                # the share in which the program computed (above 1 only for parallel native code).
                self.busy_sum += busy
                self.busy_ticks += 1
            return flags
        if self.cpu_clock == "process":
            busy = time.process_time() - time.thread_time()
            previous = self._last_process
            self._last_process = (busy, now)
            flag = None
            if previous is not None and len(idents) == 1 and now > previous[1]:
                flag = (busy - previous[0]) < 0.5 * (now - previous[1])
            return {ident: flag for ident in idents}
        return {ident: None for ident in idents}

    def _tick(self, own, now):
        frames = sys._current_frames()
        frames.pop(own, None)
        if self._stopping:
            return  # the program has ended; its thread is now inside stop()
        seen = self._seen
        if len(seen) != len(frames) or any(ident not in seen for ident in frames):
            for ident in [i for i in seen if i not in frames]:
                # A finished thread: forget its clocks, since a new thread may reuse the ident.
                seen.discard(ident)
                self._forget_thread(ident)
            for ident in frames:
                if ident not in seen:
                    seen.add(ident)
                    self._learn_thread(ident)
        if self.first_tick is None:
            self.first_tick = now
        self.last_tick = now
        self.ticks += 1
        # Stacks first, while this thread holds the GIL: reading the clocks below may release
        # it, and the program's threads would move on.
        code_frames = self._code_frames
        if len(code_frames) > 20000:
            # The cache keeps code objects alive: a program that keeps making code (exec, eval)
            # must not make it grow forever.
            code_frames.clear()
        stacks = {ident: self._stack_of(frame) for ident, frame in frames.items()}
        del frames
        flags = self._idle_flags(stacks.keys(), now)
        if self._stopping:
            return  # reading the clocks released the GIL, and the program ended meanwhile
        counts = self._counts
        signal_main = self._signal_ident if self._signal_in_charge() else None
        for ident, stack in stacks.items():
            idle = flags.get(ident)
            if idle == "first" or idle == "skip":
                self.skipped_samples += 1
                continue
            if ident == signal_main and idle is not True:
                continue  # the main thread's running samples come from SIGPROF
            key = (ident, idle, stack)
            counts[key] = counts.get(key, 0) + 1

    def _stack_of(self, frame):
        """The stack from `frame` outwards: ((file, function, first line), line) per frame."""
        code_frames = self._code_frames
        stack = []
        while frame is not None:
            code = frame.f_code
            base = code_frames.get(code)
            if base is None:
                base = code_frames[code] = (code.co_filename, code.co_name, code.co_firstlineno)
            stack.append((base, frame.f_lineno))
            frame = frame.f_back
        return tuple(stack)

    def _runqueue_wait(self, ident):
        """Seconds the thread has spent runnable but not running (Linux schedstat), or None."""
        if not self.runqueue:
            return None
        fd = self._schedstat_fds.get(ident)
        if fd is None:
            native = self._native_ids.get(ident)
            if native is None:
                return None
            try:
                fd = self._schedstat_fds[ident] = os.open("/proc/self/task/%d/schedstat" % native, os.O_RDONLY)
            except OSError:
                return None
        try:
            return int(os.pread(fd, 128, 0).split()[1]) / 1e9
        except (OSError, IndexError, ValueError):
            return None

    def _forget_thread(self, ident):
        self._last_cpu.pop(ident, None)
        self._native_ids.pop(ident, None)
        fd = self._schedstat_fds.pop(ident, None)
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass

    def _learn_thread(self, ident):
        # Looked up once per thread; False marks "asked, not a threading.Thread" (written as null).
        self._names[ident] = False
        for thread in threading.enumerate():
            if thread.ident == ident:
                self._names[ident] = thread.name
                native = getattr(thread, "native_id", None)
                if native is not None:
                    self._native_ids[ident] = native
                break

    def write(self, path, argv=None, exit_status="normal"):
        """Write the samples to `path` (atomically: a temporary file, then a rename)."""
        setup = _setup_file_names()
        lines = []
        header = {
            "type": "header",
            "format": "hotspy-samples",
            "version": FORMAT_VERSION,
            "interval": self.interval,
            "pid": self.pid,
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": sys.platform,
            "cpu_clock": self.cpu_clock,
            "main_thread": self.main_thread_mode,
            "runqueue": self.runqueue and self.cpu_clock == "thread",
            "start_time": self.start_time,
            "argv": list(sys.argv if argv is None else argv),
        }
        lines.append(header)
        merged = {}
        own_file = os.path.abspath(__file__)
        for (ident, idle, stack), count in list(self._counts.items()):
            frames = [[f[0][0], f[0][1], f[0][2], f[1]] for f in reversed(stack)]
            cut = 0
            while cut < len(frames) - 1 and frames[cut][0] in setup:
                cut += 1
            end = len(frames)
            while end > cut + 1 and frames[end - 1][0] == own_file:
                end -= 1  # caught inside the SIGPROF handler: the sample belongs to the frame it interrupted
            key = (ident, idle, json.dumps(frames[cut:end]))
            merged[key] = merged.get(key, 0) + count
        total = 0
        threads = set()
        for (ident, idle, frames_json), count in merged.items():
            total += count
            threads.add(ident)
            lines.append(
                '{"type":"stack","thread":%d,"thread_name":%s,"idle":%s,"count":%d,"frames":%s}'
                % (ident, json.dumps(self._names.get(ident) or None), json.dumps(idle), count, frames_json)
            )
        duration = 0.0
        if self.first_tick is not None and self.last_tick is not None:
            duration = self.last_tick - self.first_tick
        footer = {
            "type": "footer",
            "samples": total,
            "ticks": self.ticks,
            "missed_ticks": self.missed_ticks,
            "duration": round(duration, 6),
            "sampler_cpu": None if self.sampler_cpu is None else round(self.sampler_cpu, 6),
            "wall": None if self.wall is None else round(self.wall, 6),
            "process_cpu": None if self.process_cpu is None else round(self.process_cpu, 6),
            "runqueue": None if not self.runqueue else round(self.runqueue_seconds, 6),
            "skipped": self.skipped_samples,
            "signal_samples": self.signal_samples,
            "busy": round(self.busy_sum / self.busy_ticks, 6) if self.busy_ticks else None,
            "threads": len(threads),
            "stacks": len(merged),
            "exit": exit_status,
        }
        if self.error is not None:
            footer["error"] = self.error
        text = [json.dumps(header)]
        text.extend(lines[1:])
        text.append(json.dumps(footer))
        tmp = "%s.tmp%d" % (path, os.getpid())
        with open(tmp, "w", encoding="utf-8", errors="surrogatepass") as out:
            out.write("\n".join(text) + "\n")
        os.replace(tmp, path)
