"""claimlint's --claims map/reduce on a real engine: Dask's distributed scheduler.

The map runs `claimlint extract --format claims` on shards of the corpus in
Dask worker processes (a LocalCluster: the same scheduler, workers and
task protocol as a multi-machine cluster, on one machine). The reduce runs
`claimlint check --claims` over every shard's claims file. A direct
`claimlint check` of the corpus must give the same findings, errors and
summary. Run it from the folder that holds the corpus, with the corpus given
as a relative path, so both runs name the notes alike; tests/engine/run.sh
does all of that.

Exit status: 0 when everything matches, 1 on a mismatch or a failure.
"""

import argparse
import hashlib
import json
import logging
import os
import subprocess
import sys
import time

from dask.distributed import Client, LocalCluster

# Every step reads the built-in configuration only, so that a claimlint.toml
# in a folder above the working folder cannot change one run and not another.
# A real deployment drops this; the map and the reduce must then use the same
# configuration (a claims file from another lexicon is refused).
CONFIG = ["--no-config"]


def extract_shard(claimlint, root, files, out, threads):
    """The map task: one shard of notes (paths relative to root) becomes one claims file."""
    started = time.perf_counter()
    with open(out, "wb") as sink:
        subprocess.run(
            [claimlint, "extract", "--format", "claims", *CONFIG, "--threads", str(threads), *files],
            cwd=root,
            stdout=sink,
            check=True,
        )
    return {"out": out, "files": len(files), "pid": os.getpid(), "seconds": time.perf_counter() - started}


def check(claimlint, args):
    """Runs `claimlint check ... --format json`; exit 0 (clean) or 1 (findings)."""
    started = time.perf_counter()
    run = subprocess.run(
        [claimlint, "check", *CONFIG, *args, "--format", "json"], check=False, capture_output=True
    )
    seconds = time.perf_counter() - started
    if run.returncode not in (0, 1):
        sys.stderr.write(run.stderr.decode(errors="replace"))
        raise SystemExit(f"FAIL: claimlint check {' '.join(args[:3])} ... exited {run.returncode}")
    return run.returncode, run.stdout, seconds


def corpus_files(corpus):
    files = [os.path.join(root, name) for root, _, names in os.walk(corpus) for name in names]
    return sorted(files)


def shard(files, count):
    """Contiguous slices of the sorted file list, as even as possible."""
    size, extra = divmod(len(files), count)
    shards, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        shards.append(files[start:end])
        start = end
    return [s for s in shards if s]


def claims_file_records(path):
    """The records of a claims file: its header first, then one per note."""
    with open(path, encoding="utf-8") as f:
        header = json.loads(f.readline())
        return header, [json.loads(line) for line in f if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claimlint", required=True, help="the claimlint binary")
    parser.add_argument("--corpus", required=True, help="the corpus folder, relative")
    parser.add_argument("--claims-dir", required=True, help="where the map writes claims files")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shards", type=int, help="default: twice the workers")
    args = parser.parse_args()
    claimlint = os.path.abspath(args.claimlint)
    if os.path.isabs(args.corpus):
        raise SystemExit("FAIL: give the corpus as a relative path (both runs must name notes alike)")
    shards = shard(corpus_files(args.corpus), args.shards or 2 * args.workers)
    files = sum(len(s) for s in shards)
    if files == 0:
        raise SystemExit(f"FAIL: no files under {args.corpus}")
    claims_dir = os.path.abspath(args.claims_dir)
    os.makedirs(claims_dir, exist_ok=True)
    root = os.getcwd()
    # Workers share this machine's cores instead of each taking all of them.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    threads = max(1, cores // args.workers)
    failures = []

    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        cluster_seconds = time.perf_counter() - started
        started = time.perf_counter()
        outs = [os.path.join(claims_dir, f"shard-{i:04}.claims") for i in range(len(shards))]
        n = len(shards)
        futures = client.map(
            extract_shard, [claimlint] * n, [root] * n, shards, outs, [threads] * n, pure=False
        )
        results = client.gather(futures)
        map_seconds = time.perf_counter() - started
    pids = {r["pid"] for r in results}
    if os.getpid() in pids:
        failures.append("a map task ran in the driver process, not in a worker")
    if args.workers > 1 and len(shards) > 1 and len(pids) < 2:
        failures.append(f"every map task ran in one worker process (pid {pids})")

    # Every note is in exactly one claims file, under the path the direct run uses.
    mapped = []
    for out in outs:
        header, records = claims_file_records(out)
        if header.get("format") != "claimlint-claims":
            failures.append(f"{out}: not a claims file: {header}")
        mapped += [r["path"] for r in records]
    if sorted(mapped) != [p.replace(os.sep, "/") for s in shards for p in s]:
        failures.append(f"the claims files hold {len(mapped)} notes, not the {files} shard files once each")

    reduce_status, reduced, reduce_seconds = check(claimlint, ["--claims", *outs])
    direct_status, direct, direct_seconds = check(claimlint, [args.corpus, "--no-cache"])
    # The order in which shards come back must not matter.
    _, reduced_reversed, _ = check(claimlint, ["--claims", *reversed(outs)])

    r, d = json.loads(reduced), json.loads(direct)
    for key in ("findings", "errors", "summary"):
        if r.get(key) != d.get(key):
            failures.append(
                f"'{key}' differs: --claims {json.dumps(r.get(key))[:300]} "
                f"vs direct {json.dumps(d.get(key))[:300]}"
            )
    if reduce_status != direct_status:
        failures.append(f"exit status differs: --claims {reduce_status}, direct {direct_status}")
    if r.get("summary", {}).get("files") != files:
        failures.append(f"summary.files is {r.get('summary', {}).get('files')}, the corpus has {files}")
    if reduced_reversed != reduced:
        failures.append("check --claims gives other output when the claims files come in another order")

    summary = d.get("summary", {})
    print(f"engine: dask.distributed {__import__('distributed').__version__}, LocalCluster processes=True")
    print(
        f"workers: {args.workers} (map tasks ran in {len(pids)} worker processes, "
        f"{threads} claimlint thread(s) each); shards: {len(shards)}; "
        f"cores: {cores}"
    )
    print(
        f"corpus: {files} files; {summary.get('claims')} claims; "
        f"{summary.get('findings')} findings; {summary.get('errors')} errors; exit {direct_status}"
    )
    print(
        f"findings sha256: {hashlib.sha256(json.dumps(d.get('findings')).encode()).hexdigest()[:16]}"
        f" (byte-identical JSON: {'yes' if reduced == direct else 'no'})"
    )
    print(f"cluster start: {cluster_seconds:.2f} s")
    print(f"map wall:      {map_seconds:.2f} s (extract, {len(shards)} shards on {args.workers} workers)")
    print(f"reduce wall:   {reduce_seconds:.2f} s (check --claims)")
    print(f"direct wall:   {direct_seconds:.2f} s (check --no-cache)")
    if failures:
        for f in failures:
            print(f"FAIL: {f}", file=sys.stderr)
        return 1
    print("engine: the Dask map/reduce gives the same findings as a direct check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
