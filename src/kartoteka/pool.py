"""Worker processes that survive their workers: a job whose worker dies, runs out
of time or runs out of memory becomes a `Failure`, a fresh worker takes the next
job, and no worker outlives the process that started it.

Workers are forked, so they share whatever the parent loaded (the language
models) and need nothing pickled but the results. Each worker starts with a job,
so every death is charged to a job and the pool always comes to an end.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar, cast

J = TypeVar("J")
R = TypeVar("R")
PR_SET_PDEATHSIG = 1
MEGABYTE = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What one job may take: wall-clock seconds, and megabytes its worker may
    grow by (address space) while doing it."""

    seconds: float = 600.0
    memory_mb: int = 4096


@dataclass(frozen=True)
class Failure:
    """Why a job has no result; the sentence completes "<file>: ..."."""

    reason: str


@dataclass
class _Worker(Generic[J]):
    process: BaseProcess
    connection: Connection
    job: J
    started: float


def run_jobs(
    jobs: Sequence[J], work: Callable[[J], R], workers: int, limits: Limits
) -> Iterator[tuple[J, R | Failure]]:
    """Do every job in at most `workers` worker processes, yielding each job with
    its result (or its failure) as it ends, in the order they end."""
    pending = list(reversed(jobs))
    busy: list[_Worker[J]] = []
    try:
        while pending or busy:
            while pending and len(busy) < max(1, workers):
                busy.append(_start(pending.pop(), work, limits))
            yield from _collect(busy, pending, limits)
    finally:
        for worker in busy:
            _stop(worker)


def _start(job: J, work: Callable[[J], R], limits: Limits) -> _Worker[J]:
    """Fork a worker that does `job` first and then whatever it is sent."""
    ours, theirs = get_context("fork").Pipe()
    process = get_context("fork").Process(
        target=_serve, args=(theirs, job, work, limits.memory_mb, os.getpid())
    )
    process.daemon = True
    process.start()
    theirs.close()
    return _Worker(process, ours, job, time.monotonic())


def _collect(
    busy: list[_Worker[J]], pending: list[J], limits: Limits
) -> Iterator[tuple[J, R | Failure]]:
    """Wait until some worker finishes, dies or overruns; report its job and give
    it the next one (a dead or stopped worker leaves `busy`)."""
    deadline = min(w.started for w in busy) + limits.seconds
    ready = wait(
        [w.connection for w in busy] + [w.process.sentinel for w in busy],
        timeout=max(0.0, deadline - time.monotonic()),
    )
    for worker in list(busy):
        outcome = _outcome(worker, ready, limits)
        if outcome is None:
            continue
        job = worker.job
        if isinstance(outcome, Failure) or not pending or not _give(worker, pending):
            _stop(worker)
            busy.remove(worker)
        yield job, outcome


def _outcome(
    worker: _Worker[J], ready: Sequence[object], limits: Limits
) -> R | Failure | None:
    """How the worker's job ended, or None while it is still within its time."""
    if worker.connection in ready or worker.process.sentinel in ready:
        return cast("R | Failure", _receive(worker))
    if time.monotonic() - worker.started > limits.seconds:
        return Failure(
            f"took longer than {limits.seconds:g} s (--file-timeout), "
            "stopped and skipped"
        )
    return None


def _give(worker: _Worker[J], pending: list[J]) -> bool:
    """Send a worker the next job; False, and the job stays pending, if it is gone."""
    try:
        worker.connection.send(pending[-1])
    except OSError:
        return False
    worker.job, worker.started = pending.pop(), time.monotonic()
    return True


def _receive(worker: _Worker[J]) -> object:
    """The worker's answer, or why it has none: it died or exited."""
    try:
        if worker.connection.poll():
            return worker.connection.recv()
    except Exception:  # a worker that died while answering
        pass
    worker.process.join(1)
    code = worker.process.exitcode
    if code is None:  # a broken answer from a worker that is still alive
        return Failure("the worker reading it sent back a broken answer, skipped")
    if code < 0:
        name = signal.Signals(-code).name
        return Failure(f"the worker reading it died (signal {-code}, {name}), skipped")
    return Failure(f"the worker reading it exited with code {code}, skipped")


def _stop(worker: _Worker[J]) -> None:
    """End a worker: kill it if it is still working, else let it read the end."""
    worker.connection.close()
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join()


def _serve(
    connection: Connection,
    job: object,
    work: Callable[[object], object],
    memory_mb: int,
    parent: int,
) -> None:
    """A worker's life: do the first job, then each job sent, until the pipe closes.

    After running out of memory the worker answers and ends, so the next job
    gets a clean process.
    """
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides on Ctrl-C
    while True:
        outcome = _attempt(work, job, memory_mb)
        try:
            connection.send(outcome)
        except Exception as error:  # a result that cannot be pickled
            outcome = Failure(f"its result could not be sent back ({error!r}), skipped")
            connection.send(outcome)
        if isinstance(outcome, Failure):
            return
        try:
            job = connection.recv()
        except EOFError:
            return


def _attempt(work: Callable[[object], object], job: object, memory_mb: int) -> object:
    """Do one job with the address space capped at what it has plus `memory_mb`."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _address_space() + memory_mb * MEGABYTE
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        return work(job)
    except MemoryError:
        return Failure(
            f"needed more than {memory_mb} MB of memory (--file-memory), skipped"
        )
    except Exception as error:
        return Failure(f"could not be processed ({error!r}), skipped")
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int:
    """The bytes of address space this process uses now (VmSize)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _die_with(parent: int) -> None:
    """Make the kernel kill this worker when its parent dies (Linux), or else
    watch the parent from a thread; a parent already gone ends it now."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        watched = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) == 0
    except (OSError, AttributeError):
        watched = False
    if os.getppid() != parent:
        os._exit(1)
    if not watched:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
