"""The worker pool on its own: jobs that really kill their worker, overrun their
time or their memory, beside jobs that succeed; fast, since no model is loaded.
"""

from __future__ import annotations

import os
import signal
import time

from build_support import children

from kartoteka.pool import Failure, Limits, run_jobs


def work(job: str) -> str:
    """Do what the job's name says, as a file's reading might."""
    if job == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    if job == "hang":
        time.sleep(3600)
    if job == "greedy":
        return str(len(bytearray(200 * 2**20)))
    if job == "buggy":
        raise ValueError("a bug on this input")
    return job.upper()


def test_every_job_ends_with_a_result_or_a_reason() -> None:
    jobs = ["a", "crash", "b", "hang", "c", "greedy", "d", "buggy", "e"]
    began = time.monotonic()
    ended = dict(run_jobs(jobs, work, 2, Limits(seconds=2, memory_mb=50)))
    assert time.monotonic() - began < 60
    assert {job: ended[job] for job in "abcde"} == {j: j.upper() for j in "abcde"}
    assert ended["crash"] == Failure(
        "the worker reading it died (signal 9, SIGKILL), skipped"
    )
    assert ended["hang"] == Failure(
        "took longer than 2 s (--file-timeout), stopped and skipped"
    )
    assert ended["greedy"] == Failure(
        "needed more than 50 MB of memory (--file-memory), skipped"
    )
    assert ended["buggy"] == Failure(
        "could not be processed (ValueError('a bug on this input')), skipped"
    )


def test_one_worker_survives_a_run_of_deaths() -> None:
    jobs = ["crash", "crash", "a", "crash", "b"]
    ended = list(run_jobs(jobs, work, 1, Limits()))
    assert [job for job, _ in ended] == jobs
    assert [r for _, r in ended if not isinstance(r, Failure)] == ["A", "B"]


def test_no_worker_outlives_the_pool() -> None:
    before = set(children(os.getpid()))
    results = run_jobs(["a", "hang", "b"], work, 2, Limits())
    next(results)
    assert len(set(children(os.getpid())) - before) == 2
    results.close()  # the consumer stops early: the hanging worker is killed
    assert set(children(os.getpid())) - before == set()
