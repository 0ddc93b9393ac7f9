"""A bulk import's batch commits to the Whoosh index, in a process of their own.

With ``import --jobs N`` the parse workers run ahead while one process stores what they
parse; indexing a batch (``index.add_items``: ~40 % of that process's CPU) stopped the store
for the whole commit, and the storing process was the import's bound whenever the machine had
other work (the parse workers waited for it ~30 % of their time). ``IndexProcess`` takes each
intermediate batch (a forked child, started before the parse pool: one thread then) while the
store goes on with the next one; the importer waits for a batch before it sends the next, and
the last commit runs in the importer itself, so the index sees the same writes in the same
order as before (and its files hold the same).

Failures keep the import's rules: a batch the child could not index (a full disk: its
StorageError comes back; a child that died) is raised at the importer's next commit, with its
items handed back to be indexed by the importer's own clean-up commit. The child ignores
Ctrl-C (the terminal sends it to the whole group): the batch it is writing goes in, then the
importer indexes the rest itself. A child whose importer dies finishes its batch and exits.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal

from eurasec_archive.errors import StorageError
from eurasec_archive.models import Item

POLL_SECONDS = 0.5  # a wait looks this often whether the child is still alive


class IndexProcess:
    """Intermediate batch commits of an import, one at a time, in a forked child."""

    def __init__(self, index):
        context = multiprocessing.get_context("fork")
        self._conn, child_end = context.Pipe()
        self._proc = context.Process(target=_serve, args=(index, child_end, self._conn), daemon=True,
                                     name="eurasec-import-index")
        self._proc.start()
        child_end.close()
        self._batch: list[Item] | None = None  # sent, not yet known to be indexed
        self._sent = False  # the whole of it reached the pipe
        self._failure: BaseException | None = None  # what indexing it raised

    @property
    def pending(self) -> bool:
        return self._batch is not None

    def submit(self, items: list[Item], new_ids) -> None:
        """Index ``items`` in the child (after the batch before it: call ``wait`` first)."""
        assert self._batch is None, "wait for the batch sent before"
        self._batch, self._sent = list(items), False
        self._conn.send((self._batch, set(new_ids)))
        self._sent = True

    def wait(self) -> None:
        """Until the batch sent is in the index.

        :raise: what indexing it raised (StorageError: a full disk…); its items are then
            ``take_back()``'s
        """
        if self._batch is None:
            return
        if self._failure is not None:
            raise self._failure
        if not self._sent:  # cut off while sending: the child may wait for the rest forever
            self._stop_child()
            raise StorageError("the import's index process was stopped while a batch was sent to it")
        while not self._conn.poll(POLL_SECONDS):
            if not self._proc.is_alive() and not self._conn.poll():
                raise StorageError(f"the import's index process stopped (exit code {self._proc.exitcode})")
        try:
            failure = self._conn.recv()
        except (EOFError, OSError) as e:
            raise StorageError(f"the import's index process stopped ({type(e).__name__})") from None
        if failure is not None:
            self._failure = failure
            raise failure
        self._batch = None

    def take_back(self) -> list[Item]:
        """The items of the batch not known to be indexed (after ``wait`` raised); the child is
        not used again."""
        batch, self._batch = self._batch or [], None
        self._stop_child()
        return batch

    def close(self) -> None:
        """Stop the child once its batch, if any, is done (``wait`` first to know how it went)."""
        if self._proc.is_alive() and self._batch is None:
            try:
                self._conn.send(None)
            except OSError:
                pass
            self._proc.join(timeout=60)
        self._stop_child()

    def _stop_child(self) -> None:
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join()
        self._conn.close()


def _serve(index, conn, parent_end) -> None:
    """The child: index each batch received, answer None or the exception; stop at None or when
    the importer is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent_end.close()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        items, new_ids = message
        try:
            index.add_items(items, merge=False, new_ids=new_ids)
            reply = None
        except Exception as e:  # noqa: BLE001 - every failure goes back to the importer, which reports it
            reply = e
            try:
                pickle.loads(pickle.dumps(e))
            except Exception:  # noqa: BLE001 - an exception that does not travel: its text does
                reply = RuntimeError(f"{type(e).__name__}: {e}")
        try:
            conn.send(reply)
        except OSError:
            return
