"""The proof of issue 16's scale-out, on loopback only: a `dask scheduler`
and two `dask worker` processes on 127.0.0.1, 8 shards built from samples/,
one worker killed with SIGKILL in the middle of the run. Every shard's
output exists once, every input record comes out exactly once, no
temporary file is left, the second run does no work, and a shard that
fails every attempt is named while the run exits non-zero. Every process
started here is stopped in `finally`; every wait has a deadline."""

import glob
import gzip
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from conftest import write_shards

SHARDS = 8
RECORDS_PER_SHARD = 400
DEADLINE = 100  # seconds for the whole cluster part


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def python_env():
    env = dict(os.environ)
    import winnow
    package_parent = os.path.dirname(os.path.dirname(winnow.__file__))
    env["PYTHONPATH"] = package_parent + os.pathsep + env.get("PYTHONPATH", "")
    env["DASK_DISTRIBUTED__WORKER__DAEMON"] = "False"
    return env


def stop(proc, grace=10):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(grace)


def wait_for(condition, seconds, what):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail("timed out after %ss waiting for %s" % (seconds, what))


def run_winnow_dask(env, scheduler, out, shard_paths, timeout):
    return subprocess.run(
        [sys.executable, "-m", "winnow.dask", "--scheduler", scheduler,
         "--timeout", "30", "-o", out, *shard_paths],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        timeout=timeout)


def test_two_workers_one_killed_mid_run(tmp_path, winnow_bin):
    from distributed import Client

    shard_dir = tmp_path / "shards"
    shard_dir.mkdir()
    out = str(tmp_path / "out")
    shard_paths, urls = write_shards(str(shard_dir), SHARDS, RECORDS_PER_SHARD)
    env = python_env()
    port = free_port()
    scheduler = "tcp://127.0.0.1:%d" % port
    logs = open(tmp_path / "cluster.log", "wb")
    procs = []
    start = time.monotonic()
    try:
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler",
             "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            env=env, stdout=logs, stderr=subprocess.STDOUT))
        workers = []
        for k in range(2):
            # No nanny: the process started here is the one running tasks,
            # so the SIGKILL below kills a worker, not a supervisor.
            workers.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", scheduler,
                 "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--name", "w%d" % k,
                 "--local-directory", str(tmp_path / ("w%d" % k))],
                env=env, stdout=logs, stderr=subprocess.STDOUT))
        procs.extend(workers)
        with Client(scheduler, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)

        run = subprocess.Popen(
            [sys.executable, "-m", "winnow.dask", "--scheduler", scheduler,
             "--timeout", "30", "-o", out, *shard_paths],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        procs.append(run)
        worker_pids = {w.pid: w for w in workers}

        def busy_worker():
            # A temporary output names the process writing it (HOST.PID).
            for tmp in glob.glob(os.path.join(out, ".*.tmp")):
                pid = int(tmp.rsplit(".", 2)[-2])
                if pid in worker_pids:
                    return worker_pids[pid]
            return None

        victim = wait_for(busy_worker, 60, "a worker to start a shard")
        assert run.poll() is None, "the run ended before a worker was killed"
        victim.send_signal(signal.SIGKILL)
        victim.wait(10)

        _, err = run.communicate(timeout=DEADLINE - (time.monotonic() - start))
        err = err.decode()
        assert run.returncode == 0, err
        assert "extracted %d, resumed 0, failed 0" % SHARDS in err

        # Every shard's output exists once; no temporary file is left.
        names = sorted(os.listdir(out))
        assert names == sorted(
            os.path.basename(p) + s for p in shard_paths
            for s in (".jsonl.gz", ".manifest.json"))
        # Every input record exactly once; same bytes as the command line.
        seen = []
        for path in shard_paths:
            base = os.path.join(out, os.path.basename(path))
            with open(base + ".jsonl.gz", "rb") as f:
                data = f.read()
            with open(base + ".manifest.json") as f:
                manifest = json.load(f)
            assert manifest["sha256"] == hashlib.sha256(data).hexdigest()
            assert manifest["extracted"] == RECORDS_PER_SHARD
            lines = gzip.decompress(data)
            cli = subprocess.run([winnow_bin, "--to", "jsonl", path],
                                 stdout=subprocess.PIPE, timeout=60, check=True)
            assert lines == cli.stdout
            seen.extend(json.loads(l)["url"] for l in lines.splitlines())
        assert sorted(seen) == sorted(urls)
        assert len(set(seen)) == len(urls) == SHARDS * RECORDS_PER_SHARD

        # A second run does no work.
        before = {n: os.stat(os.path.join(out, n)).st_mtime_ns for n in names}
        again = run_winnow_dask(env, scheduler, out, shard_paths, 60)
        assert again.returncode == 0, again.stderr.decode()
        assert ("shards %d: extracted 0, resumed %d, failed 0" % (SHARDS, SHARDS)
                in again.stderr.decode())
        assert before == {n: os.stat(os.path.join(out, n)).st_mtime_ns
                          for n in os.listdir(out)}

        # A shard that fails every attempt is named; the others finish.
        missing = str(shard_dir / "missing.warc")
        failing = run_winnow_dask(env, scheduler, out,
                                  [shard_paths[0], missing], 60)
        err = failing.stderr.decode()
        assert failing.returncode == 1, err
        assert "failed shard %s: " % missing in err
        assert "missing.warc" in err.split("failed shard %s: " % missing)[1]
        assert "shards 2: extracted 0, resumed 1, failed 1" in err
        assert not glob.glob(os.path.join(out, ".*"))
    finally:
        for proc in reversed(procs):
            stop(proc)
        logs.close()
