#!/bin/sh
# Install the Debian/Ubuntu packages Neuromodulator Consult needs, when missing: the packages named
# on the command line (Makefile: Qt's libraries for offscreen and windowed use, binutils for the
# build) plus, for Debian's own Python, its venv module and libpython3.X (PyInstaller needs both).
# As root it installs them with apt-get; as a normal user it prints one complete command, to be
# run as root (or with sudo), and stops. Without dpkg (not Debian/Ubuntu) it does nothing.
command -v dpkg-query >/dev/null 2>&1 || exit 0
here=$(dirname "$0")

python_packages() {
    if [ -x .venv/bin/python ]; then
        exe=$(.venv/bin/python -c 'import sys; print(sys._base_executable)') || return 0
    else
        exe=$(sh "$here/pick-python.sh" "${PYTHON:-}" 2>/dev/null) || return 0
    fi
    exe=$(readlink -f "$exe")
    dpkg-query -S "$exe" >/dev/null 2>&1 || return 0 # not Debian's Python: apt cannot help
    version=$("$exe" -c 'import sys; print("%d.%d" % sys.version_info[:2])') || return 0
    echo "libpython$version python$version-venv"
}

missing=""
installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}
for pkg in "$@" $(python_packages); do
    # Debian 13 / Ubuntu 24.04 renamed some libraries for 64-bit time (libglib2.0-0t64); apt-get
    # accepts the old name, dpkg only knows the new one.
    installed "$pkg" || installed "${pkg}t64" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ]; then
    echo "Installing missing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends $missing
else
    echo "Neuromodulator Consult needs system packages that are not installed. Run this as root"
    echo "(or with sudo), then try again:"
    echo "    apt-get install -y --no-install-recommends$missing"
    exit 1
fi
