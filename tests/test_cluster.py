"""`fuente index --cluster`: the same store from Dask tasks, one-line failures, the old store kept.

The cluster tests need distributed (in the `test` extra) and skip with one reason without it;
the tests of a build without a cluster, or without Dask installed, always run.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from store import open_store
from store.build import build_store
from store.export import export

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLES = 200


def fuente(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", env=env)


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fuente: "), stderr
    return lines[0]


def snapshot(store: Path) -> dict[str, int]:
    """Every file of a store with its size and mtime: equal snapshots mean the store was not touched."""
    return {str(p.relative_to(store)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(store.rglob("*"))}


def same_as_local(store: Path, local: Path, scores: bool = True) -> None:
    a, b = open_store(store), open_store(local)
    assert export(a) == export(b)
    # Every hit, compared as a set: equal scores tie in an order the index writer's threads decide,
    # which differs between two local builds as well. An updated index keeps its deleted documents'
    # statistics until segments merge, so its scores differ from a full build's (a local update's too).
    def hits(s):
        return sorted((h["doc"], h["start"], h["end"], h["score"] if scores else 0)
                      for h in s.search("sanciones", limit=100_000))

    assert hits(a) and hits(a) == hits(b)


def need_distributed():
    return pytest.importorskip("distributed", reason="distributed is not installed (pip install -e '.[cluster]')")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds and a few hundred generated articles (bench/search_bench.py's generator)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from search_bench import make_corpus

    root = tmp_path_factory.mktemp("cluster") / "corpus"
    shutil.copytree(SEEDS, root)
    (root / "generated").mkdir()
    make_corpus(ARTICLES, root / "generated")
    return root


@pytest.fixture(scope="module")
def local_store(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local") / "local.store"
    build_store([corpus], out)
    return out


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """A running LocalCluster of two worker processes, reached by its address like a remote one."""
    distributed = need_distributed()
    from store.cluster import restore_environ

    saved = dict(os.environ)  # a LocalCluster sets variables there (MALLOC_TRIM_THRESHOLD_…): not for other tests
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                      local_directory=str(tmp_path_factory.mktemp("dask")),
                                      silence_logs=50) as cluster:
            yield cluster
    finally:
        restore_environ(saved)


def test_a_build_without_cluster_never_imports_dask(tmp_path):
    code = ("import sys; from store.build import build_store; build_store([sys.argv[1]], sys.argv[2]);"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    run = subprocess.run([sys.executable, "-c", code, str(SEEDS), str(tmp_path / "s.store")], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
    assert (tmp_path / "s.store" / "CURRENT").is_file()


def test_cluster_without_dask_is_one_line_and_keeps_the_store(tmp_path):
    out = tmp_path / "s.store"
    build_store([SEEDS], out)
    before = snapshot(out)
    code = ("import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None;"
            "from tui.cli import main; sys.exit(main(sys.argv[1:]))")
    run = subprocess.run([sys.executable, "-c", code, "index", str(SEEDS), "--out", str(out), "--cluster", "local:2"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode != 0
    assert "pip install -e '.[cluster]'" in one_line(run.stderr)
    assert snapshot(out) == before


def test_unreachable_scheduler_is_one_line_and_keeps_the_store(tmp_path, monkeypatch, capsys):
    need_distributed()
    from store import cluster
    from tui.cli import main

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2.0)
    out = tmp_path / "s.store"
    build_store([SEEDS], out)
    before = snapshot(out)
    assert main(["index", str(SEEDS), "--out", str(out), "--cluster", "tcp://127.0.0.1:1", "--quiet"]) != 0
    line = one_line(capsys.readouterr().err)
    assert "cannot reach a Dask scheduler at tcp://127.0.0.1:1" in line
    assert snapshot(out) == before


def test_local_cluster_gives_the_export_of_a_local_build(corpus, local_store, tmp_path):
    need_distributed()
    out = tmp_path / "c.store"
    run = fuente("index", str(corpus), "--out", str(out), "--cluster", "local:2", "--quiet",
                 env=dict(os.environ, TMPDIR=str(tmp_path)))  # LocalCluster's scratch folder goes there
    assert run.returncode == 0, run.stderr
    exported = [json.loads(fuente("export", "--store", str(s), "--format", "json").stdout) for s in (out, local_store)]
    assert exported[0]["documents"] and exported[0] == exported[1]
    assert len(exported[0]["documents"]) == ARTICLES + len(list(SEEDS.glob("*.txt")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.store"]  # its scratch folder is gone


def test_a_scheduler_address_gives_the_same_store(corpus, local_store, scheduler, tmp_path):
    out = tmp_path / "c.store"
    seen: list[tuple[str, int, int]] = []
    build_store([corpus], out, cluster=scheduler.scheduler_address, progress=lambda *a: seen.append(a))
    same_as_local(out, local_store)
    tasks = [s for s in seen if s[0].startswith("tasks")]
    assert tasks[0][0] == "tasks (2 workers)" and tasks[-1][1] == tasks[-1][2] > 1


def test_update_on_a_cluster_reuses_unchanged_documents(scheduler, tmp_path):
    work = tmp_path / "corpus"
    shutil.copytree(SEEDS, work)
    (work / "gone.txt").write_text("Irán envió drones a Caracas en 2023.\n")
    out = tmp_path / "c.store"
    build_store([work], out, cluster=scheduler.scheduler_address)
    seeds = sorted(SEEDS.iterdir())
    changed = work / seeds[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "Rusia apoya a Venezuela.\n", encoding="utf-8")
    (work / "gone.txt").unlink()
    (work / "new.txt").write_text("Brazil condemned the government of Venezuela on 4 March 2025.\n")
    build_store([work], out, cluster=scheduler.scheduler_address)
    assert open_store(out).meta["updated"] == {"reused": len(seeds) - 1, "read": 2, "removed": 2}
    build_store([work], tmp_path / "full.store", update=False)
    same_as_local(out, tmp_path / "full.store", scores=False)


def test_focus_on_a_cluster_is_the_focus_of_a_local_build(scheduler, tmp_path):
    build_store([SEEDS], tmp_path / "c.store", focus="CU", cluster=scheduler.scheduler_address)
    build_store([SEEDS], tmp_path / "l.store", focus="CU")
    assert open_store(tmp_path / "c.store").focus == "CU"
    same_as_local(tmp_path / "c.store", tmp_path / "l.store")


def test_a_local_cluster_leaves_the_environment_as_it_was(tmp_path):
    need_distributed()
    before = dict(os.environ)
    build_store([SEEDS], tmp_path / "c.store", cluster="local:1")
    assert dict(os.environ) == before


def test_a_worker_killed_mid_task_still_gives_the_whole_store(corpus, local_store, tmp_path):
    distributed = need_distributed()
    from store.cluster import restore_environ

    saved = dict(os.environ)
    try:
        killed = kill_a_worker_during_a_build(distributed, corpus, tmp_path)
    finally:
        restore_environ(saved)
    assert killed, "no worker was killed during the build"
    same_as_local(tmp_path / "c.store", local_store)


def kill_a_worker_during_a_build(distributed, corpus: Path, tmp_path: Path) -> list[int]:
    """Build on a LocalCluster of two, SIGKILLing the first worker seen busy; the pids killed."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  local_directory=str(tmp_path / "dask"), silence_logs=50) as cluster, \
            distributed.Client(cluster) as watcher:
        pids = watcher.run(os.getpid)
        killed: list[int] = []
        stop = threading.Event()

        def kill_first_busy_worker() -> None:
            while not stop.is_set() and not killed:
                busy = [w for w, keys in watcher.processing().items() if keys and w in pids]
                if busy:
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(pids[busy[0]])
                time.sleep(0.01)

        thread = threading.Thread(target=kill_first_busy_worker, daemon=True)
        thread.start()
        try:
            build_store([corpus], tmp_path / "c.store", cluster=cluster.scheduler_address)
        finally:
            stop.set()
            thread.join()
    return killed


def test_ctrl_c_during_a_cluster_build_closes_it_and_keeps_the_store(corpus, tmp_path):
    need_distributed()
    out = tmp_path / "c.store"
    build_store([SEEDS], out)
    before = snapshot(out)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "tui", "index", str(corpus), "--out", str(out), "--cluster",
                             "local:2", "--quiet"], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, TMPDIR=str(scratch)))
    # The search index's folder is made once the cluster is up: the build is then under way on it.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and \
            not [g for g in out.glob("gen-*/search") if g.parent.name not in str(before)]:
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGINT, err
    assert one_line(err) == "fuente: interrupted by SIGINT: the previous store is unchanged"
    assert snapshot(out) == before
    assert list(scratch.iterdir()) == []  # the LocalCluster's folder is removed with it
