#!/bin/sh
# Build .venv from requirements.lock, from nothing: `make` calls this when the stamp is missing or
# older than requirements.lock/pyproject.toml. Usage: tools/venv.sh VENV STAMP [PYTHON]
# The old .venv and its stamp go first, and the stamp is written only once everything passed, so a
# failed or interrupted install is simply redone by the next `make`.
set -eu
venv=$1
stamp=$2
python=$(sh "$(dirname "$0")/pick-python.sh" "${3:-}")
rm -f "$stamp"
rm -rf "$venv"
echo "Creating $venv with $python ($("$python" -V 2>&1)) from requirements.lock"
"$python" -m venv "$venv" || {
    echo "Could not create $venv with $python. On Debian/Ubuntu install the venv module as root" >&2
    echo "(or with sudo): apt-get install -y $(basename "$python")-venv" >&2
    exit 1
}
pip="$venv/bin/python -m pip --disable-pip-version-check"
$pip install --quiet --no-deps -r requirements.lock
$pip install --quiet --no-deps --no-build-isolation -e .
$pip check
touch "$stamp"
