#!/usr/bin/env python3
"""Latency of `claimlint lsp`: from a didChange to the publishDiagnostics
for that version, on a draft checked against a generated corpus.

    python3 bench/lsp_latency.py --claimlint target/release/claimlint \
        --corpus target/bench/corpus-20k [--changes 30]

The workspace is a folder of its own beside the corpus
(`<corpus>-lsp/`: a claimlint.toml whose `corpus` is the corpus, and the
draft), so the claims cache goes there and the corpus stays as generated.
Two drafts are timed: one like bench/compare.sh's pre-commit draft (the
first lines of a note and one dated sentence that contradicts the corpus),
and a whole note of the corpus with that sentence.

Two servers are started one after the other: the first reads the corpus
(building the cache when it is cold), the second reads it through the
warm cache; the changes are timed on the second. Each change alternates
between two texts (one contradiction, or two), so every check has
findings to publish. The server is asked for no debounce
(`initializationOptions.debounceMs = 0`), so what is timed is the check;
an editor with the default 150 ms debounce waits that much longer after
the last keystroke. A didSave (no debounce either) is timed too.

Only the Python standard library is used.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import queue
import re


class Server:
    def __init__(self, claimlint, root):
        self.proc = subprocess.Popen(
            [claimlint, "lsp"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.inbox = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            self.inbox.put((time.perf_counter(), json.loads(out.read(length))))

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return time.perf_counter()

    def notify(self, method, params):
        return self.send({"method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def wait(self, pick, timeout=600):
        deadline = time.time() + timeout
        while True:
            at, m = self.inbox.get(timeout=max(0.01, deadline - time.time()))
            if pick(m):
                return at, m

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.wait(timeout=30)


def workspace(corpus):
    """The workspace folder and two drafts: (name, first text, second text)."""
    root = corpus.rstrip("/") + "-lsp"
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "claimlint.toml"), "w") as f:
        f.write('corpus = ["%s"]\n' % os.path.relpath(corpus, root))
    notes = sorted(
        os.path.join(d, n) for d, _, names in os.walk(corpus) for n in names if n.endswith(".md")
    )
    base = open(notes[min(776, len(notes) - 1)]).read()
    # As compare.sh's `sed -n '1,/^$/p'`: the lines up to the first blank one.
    lines = base.splitlines(keepends=True)
    front = "".join(lines[: next((i + 1 for i, l in enumerate(lines) if not l.strip()), len(lines))])
    # Dated, so that each contradicts the corpus (an undated deal in an
    # undated draft could belong to several periods and is left alone).
    sentence = "In September 2023, Amazon invested $9 billion in Anthropic.\n"
    more = "\nMicrosoft invested $99 billion in OpenAI in 2023.\n"
    drafts = [
        # bench/compare.sh's pre-commit draft: a note's front matter and one
        # sentence that contradicts the corpus.
        ("draft-sentence.md", front + sentence, front + sentence + more),
        # A whole note of the corpus (3.4 KB, a dozen claims) and the sentence.
        ("draft-note.md", base + "\n" + sentence, base + "\n" + sentence + more),
    ]
    return root, drafts


def start(claimlint, root):
    s = Server(claimlint, root)
    t0 = time.perf_counter()
    s.request(
        "initialize",
        {"processId": os.getpid(), "rootUri": "file://" + root, "capabilities": {}, "initializationOptions": {"debounceMs": 0}},
    )
    s.notify("initialized", {})
    # The server logs when it has read the corpus.
    at, m = s.wait(lambda m: m.get("method") == "window/logMessage" and "notes under" in m["params"]["message"])
    return s, at - t0, m["params"]["message"]


def time_changes(s, uri, one, two, changes):
    """Opens `uri` with `one`, then alternates `two` and `one`; prints the latencies."""
    open_at = s.notify(
        "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": one}}
    )
    at, m = s.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
    print(f"  didOpen -> publishDiagnostics: {(at - open_at) * 1000:.1f} ms, {len(m['params']['diagnostics'])} diagnostics")
    times, counts, server, compared = [], set(), [], set()
    for version in range(2, changes + 2):
        text = two if version % 2 == 0 else one
        sent = s.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )
        at, m = s.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and m["params"].get("version") == version
        )
        times.append((at - sent) * 1000)
        counts.add(len(m["params"]["diagnostics"]))
        # The server's own breakdown, logged right after it publishes.
        _, log = s.wait(
            lambda m: m.get("method") == "window/logMessage"
            and m["params"]["message"].startswith("claimlint: checked " + uri + f" (version {version})")
        )
        message = log["params"]["message"]
        found = re.search(r"in ([\d.]+) ms: extract ([\d.]+) ms, rules ([\d.]+) ms, diagnostics ([\d.]+) ms", message)
        if found:
            server.append([float(x) for x in found.groups()])
        found = re.search(r"against (\d+) of", message)
        if found:
            compared.add(int(found.group(1)))
        time.sleep(0.05)
    sent = s.notify("textDocument/didSave", {"textDocument": {"uri": uri}, "text": one})
    at, _ = s.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
    save = (at - sent) * 1000
    times.sort()
    p90 = times[max(0, int(len(times) * 0.9) - 1)]
    print(
        f"  didChange -> publishDiagnostics over {len(times)} changes ({sorted(counts)} diagnostics, "
        f"compared with {sorted(compared)} notes): median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, "
        f"min {times[0]:.1f} ms, max {times[-1]:.1f} ms"
    )
    if server:
        med = [statistics.median(c) for c in zip(*server)]
        print(
            f"  in the server (medians): check {med[0]:.1f} ms = extract {med[1]:.1f} ms + rules {med[2]:.1f} ms"
            f" + diagnostics {med[3]:.1f} ms"
        )
    print(f"  didSave -> publishDiagnostics: {save:.1f} ms")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claimlint", default="target/release/claimlint")
    ap.add_argument("--corpus", default="target/bench/corpus-20k")
    ap.add_argument("--changes", type=int, default=30)
    args = ap.parse_args()
    claimlint = os.path.realpath(args.claimlint)
    root, drafts = workspace(os.path.realpath(args.corpus))

    first, first_load, message = start(claimlint, root)
    print(f"first start: {message} (the corpus read in {first_load:.2f} s, cache built if it was cold)")
    first.close()

    s, load, message = start(claimlint, root)
    print(f"second start: {message} ({load:.2f} s from initialize)")
    for name, one, two in drafts:
        path = os.path.join(root, name)
        with open(path, "w") as f:
            f.write(one)
        print(f"{name} ({len(one)} bytes):")
        time_changes(s, "file://" + path, one, two, args.changes)
    rss = None
    try:
        with open(f"/proc/{s.proc.pid}/status") as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        pass
    s.close()
    if rss:
        print(f"server peak RSS: {rss:.1f} MB")


if __name__ == "__main__":
    sys.exit(main())
