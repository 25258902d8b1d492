"""``make bench``: the speed a clinician feels, measured against the targets (issue 10).

Run ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench``; it prints a table and writes
``bench/results.json``. See README "Performance".
"""
