"""Run the real ``eurasec-archive`` command with one fault at an exact point of its run.

``python tests/fault_points.py '<json spec>' <cli args…>`` runs the CLI in this process with a
profile hook that waits for the ``nth`` return of one C function (``{"after": "os.link"}``: the
store claims a new item's id; ``os.replace``: an atomic write lands) or the ``nth`` entry into one
Python function (``{"enter": "whoosh/writing.py:commit"}``), then delivers the fault there:

- ``"SIGINT"``: a real Ctrl-C (``signal.raise_signal``; Python's own handler raises
  KeyboardInterrupt at that call site),
- ``"SIGKILL"``: the process dies on the spot (kill -9),
- ``"RuntimeError"``: an unexpected exception at that call site (what a bug would raise).

Nothing of the project is replaced: the timing of a signal or a crash, which a test cannot
otherwise hit, is made exact. Without the point ever reached the command runs to its end.
"""

from __future__ import annotations

import json
import os
import signal
import sys


def _hook(spec: dict):
    count = 0
    after = spec.get("after")
    target = None
    if after:
        module, _, name = after.rpartition(".")
        target = getattr(__import__(module), name)
    enter_file, _, enter_name = (spec.get("enter") or "").rpartition(":")

    def fire():
        sys.setprofile(None)
        fault = spec["fault"]
        if fault == "SIGKILL":
            os.kill(os.getpid(), signal.SIGKILL)
        if fault == "SIGINT":
            signal.raise_signal(signal.SIGINT)
            return
        raise RuntimeError(f"fault injected at {after or spec['enter']} #{spec['nth']}")

    def hook(frame, event, arg):
        nonlocal count
        if target is not None and event == "c_return" and arg is target:
            count += 1
        elif (enter_name and event == "call" and frame.f_code.co_name == enter_name
              and frame.f_code.co_filename.endswith(enter_file)):
            count += 1
        else:
            return
        if count == spec["nth"]:
            fire()

    return hook


if __name__ == "__main__":
    from eurasec_archive.cli import main

    fault_spec = json.loads(sys.argv[1])
    sys.argv = ["eurasec-archive", *sys.argv[2:]]
    sys.setprofile(_hook(fault_spec))
    main()
