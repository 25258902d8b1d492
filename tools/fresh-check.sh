#!/bin/sh
# The README's commands on a fresh machine: debootstrap a minimal Debian (only python3,
# python3-venv, make and git on top of minbase) into a temporary folder, clone this repository
# (its committed HEAD) into it, and run `make test` then `make build` there, as root; with --user,
# as a new normal user instead: `make test` must stop with one apt line, which is then run as root,
# after which `make test` and `make build` must pass as that user.
# Prints the pytest summary and the smoke test's result; the full log stays next to the chroot.
#
# --ci runs .ci/run (as root) instead of the two make commands; --keep keeps the chroot.
# Usage (as root, Debian/Ubuntu host, network): tools/fresh-check.sh bookworm|trixie [--user|--ci]
#     [--keep]
# MIRROR=http://... overrides the Debian mirror (default: the one apt on this host uses).
# Slow (10-30 minutes: a Debian base, ~300 MB of wheels, the whole suite, a PyInstaller build).
set -eu

usage() {
    echo "usage: $0 DISTRO [--user|--ci] [--keep]   (DISTRO: bookworm, trixie...)" >&2
    exit 2
}
[ $# -ge 1 ] || usage
distro=$1
shift
as_user=no
ci=no
keep=no
for arg in "$@"; do
    case $arg in
    --user) as_user=yes ;;
    --ci) ci=yes ;;
    --keep) keep=yes ;;
    *) usage ;;
    esac
done
[ "$(id -u)" = 0 ] || {
    echo "$0: run as root (debootstrap, mount and chroot need it)" >&2
    exit 2
}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
commit=$(git -C "$repo" rev-parse HEAD)

# The Debian mirror apt uses here (deb822 .sources or a classic sources.list), else deb.debian.org.
host_mirror() {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list \
        2>/dev/null | grep -v '^[[:space:]]*#' |
        grep -o -E '(https?|file)://[^[:space:]]*/debian/?([[:space:]]|$)' | head -n 1 | tr -d '[:space:]'
}
mirror=${MIRROR:-$(host_mirror)}
mirror=${mirror:-http://deb.debian.org/debian}

command -v debootstrap >/dev/null || {
    echo "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
}

work=$(mktemp -d "${TMPDIR:-/var/tmp}/fresh-check-$distro.XXXXXX")
root=$work/root
log=$work/log.txt
mounted=""
cleanup() {
    for point in $mounted; do umount -l "$point" 2>/dev/null || true; done
    if [ "$keep" = no ]; then
        # never follow what might still be a bind mount of the host's /dev or /proc
        if grep -q " $root/" /proc/mounts; then
            echo "still mounted under $root: left in place" >&2
        else
            rm -rf --one-file-system "$root"
        fi
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "fresh-check $distro: $*" | tee -a "$log"; }

say "repository $repo at $commit (committed HEAD; uncommitted changes are not included)"
say "debootstrap --variant=minbase $distro from $mirror into $root"
mkdir -p "$root"
debootstrap --variant=minbase --include=python3,python3-venv,make,git \
    "$distro" "$root" "$mirror" >>"$log" 2>&1 || {
    say "debootstrap failed; see $log"
    exit 1
}
for fs in proc sys dev dev/pts dev/shm; do
    case $fs in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sys "$root/sys" ;;
    dev/shm) mount -t tmpfs shm "$root/dev/shm" ;;
    *) mount --bind "/$fs" "$root/$fs" ;;
    esac
    mounted="$root/$fs $mounted"
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
# A network that intercepts TLS: the chroot's pip trusts what this host trusts (PIP_CERT, else the
# system CA bundle), else it could not reach PyPI there.
ca=${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}
pip_cert=""
if [ -f "$ca" ]; then
    cp "$ca" "$root/etc/fresh-check-ca.crt"
    pip_cert=PIP_CERT=/etc/fresh-check-ca.crt
fi

in_root() { # in_root USER COMMAND: a login-like clean environment, output to the log
    chroot "$root" /usr/bin/env -i HOME="$([ "$1" = root ] && echo /root || echo "/home/$1")" \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 $pip_cert \
        runuser -u "$1" -- sh -c "$2" >>"$log" 2>&1
}

user=root
checkout=/root/consult
if [ "$as_user" = yes ]; then
    user=clinician
    checkout=/home/$user/consult
    chroot "$root" useradd --create-home --shell /bin/sh "$user"
fi
git clone --quiet --no-hardlinks "$repo" "$root$checkout"
git -C "$root$checkout" checkout --quiet "$commit"
chroot "$root" chown -R "$user:" "$checkout"
say "python: $(chroot "$root" python3 -V), as $user"

status=0
if [ "$as_user" = yes ]; then
    say "make test as $user without the system packages (must stop with one apt line)"
    if in_root "$user" "cd $checkout && make test"; then
        say "FAILED: make test passed without the system packages"
        status=1
    fi
    line=$(grep -E '^ +apt-get install ' "$log" | tail -n 1 | sed 's/^ *//')
    say "printed: $line"
    case $line in
    "apt-get install "*) in_root root "DEBIAN_FRONTEND=noninteractive apt-get update -q && $line" ||
        status=1 ;;
    *)
        say "FAILED: no apt line was printed"
        status=1
        ;;
    esac
fi
if [ "$ci" = yes ]; then
    start=$(date +%s)
    say ".ci/run as root"
    in_root root "cd $checkout && .ci/run" || status=1
    grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$log" | tail -n 1 | sed "s/^/fresh-check $distro: /"
    grep -E 'smoke test' "$log" | tail -n 1 | sed "s/^/fresh-check $distro: /"
    say ".ci/run took $(($(date +%s) - start)) s, exit status $status (log: $log)"
    exit "$status"
fi
start=$(date +%s)
say "make test as $user"
in_root "$user" "cd $checkout && make test" || status=1
grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$log" | tail -n 1 | sed "s/^/fresh-check $distro: /"
say "make test took $(($(date +%s) - start)) s, exit status so far $status"
start=$(date +%s)
say "make build as $user"
in_root "$user" "cd $checkout && make build" || status=1
grep -E 'smoke test' "$log" | tail -n 1 | sed "s/^/fresh-check $distro: /"
say "make build took $(($(date +%s) - start)) s"
if [ "$status" = 0 ]; then
    say "PASSED (log: $log)"
else
    say "FAILED (log: $log)"
fi
exit "$status"
