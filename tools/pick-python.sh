#!/bin/sh
# Print the path of the Python that .venv is built with, at least 3.11:
# $1 when given (`make PYTHON=python3.12`), else the newest python3.1x/3.2x on PATH, else python3.
# Exit 1 with a message on stderr when there is none.
good() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }
# The interpreter itself, not a wrapper (pyenv shims) in front of it.
real() { "$1" -c 'import sys; print(sys.executable)'; }
if [ -n "$1" ]; then
    path=$(command -v "$1") || { echo "PYTHON=$1 was not found" >&2; exit 1; }
    good "$path" || {
        echo "PYTHON=$1 is $("$path" -V 2>&1); Neuromodulator Consult needs Python 3.11 or newer" >&2
        exit 1
    }
    real "$path"
    exit 0
fi
minor=29
while [ "$minor" -ge 11 ]; do
    path=$(command -v "python3.$minor") && good "$path" && { real "$path"; exit 0; }
    minor=$((minor - 1))
done
path=$(command -v python3) && good "$path" && { real "$path"; exit 0; }
echo "No Python 3.11 or newer on PATH (looked for python3.29 ... python3.11 and python3)." >&2
echo "Install one (Debian 12: python3 is 3.11) or name it: make PYTHON=/path/to/python3.12" >&2
exit 1
