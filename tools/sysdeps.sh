#!/bin/sh
# Install the Debian/Ubuntu system libraries Qt needs, when missing.
# As root it installs them with apt-get; as a normal user it prints the exact command and stops.
# On a system without dpkg (not Debian/Ubuntu) it does nothing.
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=""
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)
    [ "$status" = "installed" ] || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ]; then
    echo "Installing missing system libraries:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends $missing
else
    echo "Qt needs system libraries that are not installed. Run this, then try again:"
    echo "    sudo apt-get install -y --no-install-recommends$missing"
    exit 1
fi
