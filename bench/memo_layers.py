"""What each layer kept in the content memo saves, measured in pairs in one process.

    VAR_DIR=... DEBUG=false PAGE_CACHE=false .venv/bin/python bench/memo_layers.py PATH [ROUNDS]

Every value a page derives from the content goes through embassy.core.memo.derived, under a
key whose first item names its layer ("public read", "transcript", "menu", ...). For each layer
this serves PATH (page cache off, as the first reader of each address) in alternating batches
of BATCH requests with the layer kept and with it computed every time, ROUNDS times, in this
one process: timings of separate runs on this VM move by more than a layer is worth, batches
side by side do not. It prints each layer's median saving per request (CPU time), and the
saving of all of them together.
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")

from in_process import application, call  # noqa: E402  (bench/in_process.py)

from embassy.core import memo  # noqa: E402

BATCH = 40
LAYERS = {
    "public reads": {"public read"},
    "transcript": {"transcript"},
    "menu": {"menu", "menu entries", "menu sections"},
    "site profile": {"site profile"},
    "frame blocks ({% kept %})": {"kept"},
    "next scheduled change": {"next scheduled change"},
}

kept = memo.Memo.keep
computed_afresh = set()


def keep(self, scope, generation, key, compute, size=None, until=None):
    if key and key[0] in computed_afresh:
        return compute()
    return kept(self, scope, generation, key, compute, size, until)


memo.Memo.keep = keep


def batch(path, layer_off):
    computed_afresh.clear()
    computed_afresh.update(layer_off)
    started = time.process_time()
    for _ in range(BATCH):
        call(path)
    return (time.process_time() - started) / BATCH * 1000


def main():
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    assert application is not None
    for _ in range(BATCH):
        call(path)
    everything = set().union(*LAYERS.values())
    rows = []
    for name, names in [*LAYERS.items(), ("all of them", everything)]:
        savings = []
        on_times = []
        for _ in range(rounds):
            on = batch(path, set())
            off = batch(path, names)
            savings.append(off - on)
            on_times.append(on)
        rows.append((name, statistics.median(savings), statistics.median(on_times)))
    print(f"{path}: median of {rounds} pairs of {BATCH} requests, CPU ms per request")
    print("| layer | saves per request | page with everything kept |")
    print("| --- | ---: | ---: |")
    for name, saving, on in rows:
        print(f"| {name} | {saving:.3f} ms | {on:.3f} ms |")


if __name__ == "__main__":
    main()
