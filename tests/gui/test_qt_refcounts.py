"""Regression: void Qt calls and ``Signal.emit`` must not drop references to None and True.

PySide6 6.12.0 on Python 3.11 did: every void call (``setText``, ``setEnabled``...) returned None
without a reference and every emit did the same with True, so after ~20,000 calls CPython aborted
with "none_dealloc"/"bool_dealloc". 6.11.3 (requirements.lock) is clean on 3.11, and the app carries
no ctypes workaround any more, so this test is what keeps a bad PySide6 from coming back. The counts
are checked every 500 calls so that a leaking build fails here instead of aborting the whole run.

On Python 3.12+ None and True are immortal: never freed, whatever their count says. PySide6's
stable-ABI (abi3) wheels still move that count (6.11.3 on 3.13: -1 per emit), harmlessly, so the
counts are only asserted where they matter, below 3.12; there the calls must simply run.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 10_000
CHUNK = 500
SLACK = 50  # other code (the garbage collector, pytest) may hold a few references meanwhile


class _Emitter(QObject):
    bare = Signal()
    number = Signal(int)


IMMORTAL = sys.version_info >= (3, 12)


def _assert_steady(start_none, start_true, done):
    if IMMORTAL:
        return
    lost_none = start_none - sys.getrefcount(None)
    lost_true = start_true - sys.getrefcount(True)
    assert lost_none < SLACK, f"{lost_none} references to None lost after {done} calls"
    assert lost_true < SLACK, f"{lost_true} references to True lost after {done} calls"


def test_void_calls_keep_none_and_true_counts(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    start_none, start_true = sys.getrefcount(None), sys.getrefcount(True)
    for done in range(CHUNK, CALLS + 1, CHUNK):
        for _ in range(CHUNK):
            label.setText("x")
            label.setEnabled(True)
        _assert_steady(start_none, start_true, done)
    assert label.text() == "x"


def test_signal_emits_keep_none_and_true_counts(qtbot):
    emitter = _Emitter()
    received = []
    emitter.number.connect(received.append)
    bare = []
    emitter.bare.connect(lambda: bare.append(1))
    start_none, start_true = sys.getrefcount(None), sys.getrefcount(True)
    for done in range(CHUNK, CALLS + 1, CHUNK):
        for value in range(CHUNK):
            emitter.bare.emit()
            emitter.number.emit(value)
        _assert_steady(start_none, start_true, done)
    assert len(received) == CALLS
    assert len(bare) == CALLS
