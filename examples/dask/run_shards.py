#!/usr/bin/env python3
"""Run misfire's shards on Dask: each task runs `misfire assign` on one shard, the driver runs `misfire merge`.

Dask schedules, retries and places the tasks; misfire only counts. A shard is a folder holding
conversations (conversations.jsonl, .jsonl.gz, .csv or .parquet), verdicts*.csv and optionally labels.csv;
every shard is placed with the same fitted model (a run folder written by `misfire run`).

Local mode (one machine, N worker processes):
    python3 examples/dask/run_shards.py --model reports/fit --shards-dir shards --out reports/all --workers 4

On a cluster (a scheduler started with `dask scheduler`, workers with `dask worker tcp://host:8786`; every
worker needs node and misfire, and must see the shard, model and output paths, e.g. on a shared file system):
    python3 examples/dask/run_shards.py --scheduler tcp://host:8786 --model /shared/fit --shards-dir /shared/shards --out /shared/reports/all

Needs the `distributed` package (Debian: apt-get install python3-distributed).
"""
import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

CONVERSATION_NAMES = ("conversations.jsonl", "conversations.jsonl.gz", "conversations.json", "conversations.csv", "conversations.parquet")


def find_shards(root):
    """Every sub-folder of `root` with conversations and verdicts, in name order."""
    shards = []
    for folder in sorted(p for p in Path(root).iterdir() if p.is_dir()):
        conversations = next((folder / n for n in CONVERSATION_NAMES if (folder / n).exists()), None)
        verdicts = sorted(folder.glob("verdicts*.csv")) + sorted(folder.glob("verdicts*.csv.gz"))
        if conversations is None or not verdicts:
            continue
        labels = next((folder / n for n in ("labels.csv", "labels.csv.gz") if (folder / n).exists()), None)
        shards.append({"name": folder.name, "conversations": str(conversations), "verdicts": [str(v) for v in verdicts], "labels": str(labels) if labels else None})
    if not shards:
        raise SystemExit(f"run_shards: no shard folders with conversations and verdicts*.csv under {root}")
    return shards


def assign(shard, node, misfire, model, counts_dir, threads, allow_missing):
    """One task: `misfire assign` on one shard. Returns the count file's path and sha256."""
    out = Path(counts_dir) / f"{shard['name']}.counts"
    command = [node, misfire, "assign", "--model", model, "-c", shard["conversations"], "--out", str(out), "--quiet"]
    for verdicts in shard["verdicts"]:
        command += ["-v", verdicts]
    if shard["labels"]:
        command += ["-l", shard["labels"]]
    if allow_missing:
        command.append("--allow-missing")
    env = dict(os.environ, MISFIRE_THREADS=str(threads))
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"misfire assign failed on shard {shard['name']} (exit {done.returncode}): {done.stderr.strip()}")
    return {"shard": shard["name"], "counts": str(out), "sha256": hashlib.sha256(out.read_bytes()).hexdigest()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="run folder of the fitted model (misfire run --out)")
    parser.add_argument("--shards-dir", required=True, help="folder of shard folders")
    parser.add_argument("--out", required=True, help="run folder to write (misfire merge --out)")
    parser.add_argument("--counts-dir", help="where the count files go (default: OUT.counts next to --out)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=1, help="threads each misfire assign may use (MISFIRE_THREADS, default 1)")
    parser.add_argument("--node", default="node", help="the node executable")
    parser.add_argument("--misfire", default=str(Path(__file__).resolve().parents[2] / "bin" / "misfire.js"), help="misfire's bin/misfire.js")
    parser.add_argument("--allow-missing", action="store_true", help="pass --allow-missing to assign and merge")
    args = parser.parse_args()

    from dask.distributed import Client, LocalCluster

    shards = find_shards(args.shards_dir)
    counts_dir = Path(args.counts_dir or f"{args.out.rstrip('/')}.counts")
    counts_dir.mkdir(parents=True, exist_ok=True)
    model, misfire = str(Path(args.model).resolve()), str(Path(args.misfire).resolve())
    cluster = None if args.scheduler else LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
    with Client(args.scheduler or cluster) as client:
        futures = client.map(assign, shards, node=args.node, misfire=misfire, model=model, counts_dir=str(counts_dir.resolve()),
                             threads=args.threads, allow_missing=args.allow_missing, pure=False)
        results = client.gather(futures)
    if cluster is not None:
        cluster.close()
    for r in results:
        print(f"run_shards: {r['shard']} → {r['counts']} ({r['sha256'][:12]})", file=sys.stderr)
    merge = [args.node, misfire, "merge", "--model", model, *[r["counts"] for r in results], "--out", args.out]
    if args.allow_missing:
        merge.append("--allow-missing")
    done = subprocess.run(merge, capture_output=True, text=True)
    sys.stdout.write(done.stdout)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(done.returncode)


if __name__ == "__main__":
    main()
