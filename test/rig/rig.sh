#!/usr/bin/env bash
# The virtual bench board rig: N boards, each a network namespace with a veth link, its own
# avahi-daemon advertising it the way balenaOS does, its own dockerd on <addr>:2375, a real sshd
# on tcp/22222 (root by the rig's key), and a pty with a real agetty login as its "serial port".
# See /work/shared/ENVIRONMENT.md for why each piece starts the way it does.
#
# Usage: rig.sh up N [--no-engine] [--no-console] [--no-host-avahi] | down | status | help
#        rig.sh net-off|net-on|advert-off|advert-on|engine-stop|engine-start|
#               console-break|console-restore I
# `up` and `status` print one JSON document on stdout; everything else goes to stderr.
set -Eeuo pipefail

RIG_DIR=${BENCHTOP_RIG_DIR:-/tmp/benchtop-rig}
NS_PREFIX=btboard      # namespaces btboard0..N-1
VETH_PREFIX=btv        # host-side veths btv0..N-1
BOARD_IF=eth0          # board-side veth: named like a board's own interface
SSH_PORT=22222         # balenaOS development ssh port
ENGINE_PORT=2375
RIG_USER=bench
MAX_BOARDS=200         # one 10.231.I.0/24 per board
# Namespace and link names are global, so one lock for every rig on the machine.
LOCK_FILE=/run/lock/benchtop-rig.lock
# Every process the rig starts carries this in its environment: `down` (and a crashed rig's
# cleanup) can then find what the rig started without guessing by process name.
export BENCHTOP_RIG_OWNER="$RIG_DIR"

log() { printf 'rig: %s\n' "$*" >&2; }
die() { printf 'rig: error: %s\n' "$*" >&2; exit 1; }
trap 'log "failed at line $LINENO: $BASH_COMMAND"' ERR

usage() {
  sed -n '7,10p' "$0" | sed 's/^# \{0,1\}//' >&2
}

# ---------------------------------------------------------------------------------------------
# Preflight: a machine that cannot run the rig says exactly what is missing and fails.

require_tools() {
  local missing=() t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  if ((${#missing[@]})); then
    die "missing tools: ${missing[*]} (apt-get install -y iproute2 util-linux socat avahi-daemon avahi-utils docker.io busybox-static dbus curl procps openssh-server)"
  fi
}

preflight() { # ENGINE CONSOLE HOST_AVAHI
  [[ $(id -u) == 0 ]] || die "the rig needs root (network namespaces, veths, dockerd); run it as root"
  local tools=(ip nsenter unshare setsid socat avahi-daemon curl flock findmnt ps awk sha256sum od mount ssh-keygen /usr/sbin/sshd hostname)
  [[ $1 == 1 ]] && tools+=(dockerd docker busybox tar ldd)
  [[ $2 == 1 ]] && tools+=(agetty useradd chpasswd hostname)
  [[ $3 == 1 ]] && tools+=(dbus-daemon dbus-send)
  require_tools "${tools[@]}"
  if [[ $1 == 1 ]] && ldd "$(command -v busybox)" >/dev/null 2>&1; then
    die "busybox is dynamically linked; the base image needs busybox-static (apt-get install -y busybox-static)"
  fi
}

check_rig_dir() {
  [[ $RIG_DIR == /* && $RIG_DIR != *[[:space:]]* ]] || die "BENCHTOP_RIG_DIR must be an absolute path without spaces: '$RIG_DIR'"
  # `down` deletes this directory: never take over one that the rig did not make.
  if [[ -d $RIG_DIR && ! -e $RIG_DIR/.benchtop-rig ]] && [[ -n $(ls -A "$RIG_DIR") ]]; then
    die "$RIG_DIR exists, is not empty and is not a rig state dir; refusing to use it"
  fi
}

take_lock() {
  mkdir -p "$(dirname "$LOCK_FILE")"
  exec 9>"$LOCK_FILE"
  flock -w 600 9 || die "another rig command holds $LOCK_FILE"
}

# ---------------------------------------------------------------------------------------------
# Processes: every one the rig starts is recorded as "PID STARTTIME", so a reused PID is never
# mistaken for ours. This machine's PID 1 reaps orphans lazily: a zombie counts as gone.

proc_field() { # PID N -> field N (>=3) of /proc/PID/stat
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  s=${s##*) }
  local -a f
  read -r -a f <<<"$s"
  printf '%s\n' "${f[$(($2 - 3))]}"
}

alive() { # PID STARTTIME
  local state start
  state=$(proc_field "$1" 3) || return 1
  [[ $state != Z ]] || return 1
  start=$(proc_field "$1" 22) || return 1
  [[ $start == "$2" ]]
}

record_pid() { # FILE PID
  local start
  start=$(proc_field "$2" 22) || start=0
  printf '%s %s\n' "$2" "$start" >"$1"
}

recorded_alive() { # FILE
  local pid start
  [[ -f $1 ]] || return 1
  read -r pid start <"$1"
  alive "$pid" "$start"
}

# spawn PIDFILE LOG CMD...: run CMD as its own session leader, detached from our stdout (or
# whoever reads our output, e.g. Node's execFile, would wait for it forever) and from the lock.
# In a non-interactive shell the background child is no group leader, so setsid execs in place
# and $! is the command itself.
spawn() {
  local pidfile=$1 logfile=$2
  shift 2
  setsid "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  record_pid "$pidfile" $!
}

tree_of() { # PID -> PID and all its descendants, one per line
  ps -e -o pid= -o ppid= | awk -v root="$1" '
    { kids[$2] = kids[$2] " " $1 }
    END {
      queue[1] = root; n = 1
      for (i = 1; i <= n; i++) {
        print queue[i]
        m = split(kids[queue[i]], k, " ")
        for (j = 1; j <= m; j++) queue[++n] = k[j]
      }
    }'
}

wait_gone() { # SECONDS PID:START...
  local deadline=$((SECONDS + $1)) p any
  shift
  while :; do
    any=0
    for p in "$@"; do alive "${p%%:*}" "${p##*:}" && any=1 && break; done
    ((any)) || return 0
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

signal_all() { # SIGNAL PID:START...
  local sig=$1 p
  shift
  for p in "$@"; do
    alive "${p%%:*}" "${p##*:}" && kill "-$sig" "${p%%:*}" 2>/dev/null || true
  done
}

# stop_recorded FILE SECONDS: SIGTERM the recorded process and wait for it to exit; then stop
# whatever it had started (taken before, since orphans lose their parent link), then SIGKILL.
stop_recorded() {
  local file=$1 timeout=$2 pid start p
  [[ -f $file ]] || return 0
  read -r pid start <"$file"
  rm -f "$file"
  alive "$pid" "$start" || return 0
  local -a tree=()
  for p in $(tree_of "$pid"); do
    tree+=("$p:$(proc_field "$p" 22 || echo 0)")
  done
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_gone "$timeout" "$pid:$start"; then
    log "pid $pid did not exit within ${timeout}s of SIGTERM; killing it"
  fi
  signal_all TERM "${tree[@]}"
  wait_gone 3 "${tree[@]}" || { signal_all KILL "${tree[@]}"; wait_gone 3 "${tree[@]}" || true; }
}

# ---------------------------------------------------------------------------------------------
# Board layout: everything derives from the index.

ns_name() { echo "$NS_PREFIX$1"; }
host_if() { echo "$VETH_PREFIX$1"; }
host_addr() { echo "10.231.$1.1"; }
board_addr() { echo "10.231.$1.2"; }
board_dir() { echo "$RIG_DIR/board$1"; }
console_link() { echo "$RIG_DIR/ttyBOARD$1"; }
ns_path() { echo "/run/netns/$(ns_name "$1")"; }
# Like a balenaOS device's short uuid: 7 hex digits, the same for an index on every run.
board_hostname() { printf 'benchtop-rig-board-%s' "$1" | sha256sum | cut -c1-7; }

load_config() { # sets COUNT ENGINE CONSOLE HOST_AVAHI; fails when no rig is up
  [[ -f $RIG_DIR/rig.env ]] || return 1
  # shellcheck source=/dev/null
  source "$RIG_DIR/rig.env"
}

check_index() {
  [[ ${1:-} =~ ^[0-9]+$ ]] || die "expected a board index, got '${1:-}'"
  load_config || die "no rig is up (no $RIG_DIR/rig.env)"
  (($1 < COUNT)) || die "board $1 does not exist (the rig has $COUNT boards: 0..$((COUNT - 1)))"
}

# ---------------------------------------------------------------------------------------------
# Network: one namespace and one veth pair per board.

net_create() { # I
  local i=$1 ns hif
  ns=$(ns_name "$i")
  hif=$(host_if "$i")
  ip netns add "$ns"
  # Create the board end directly inside the namespace: its name never clashes on the host.
  ip link add "$hif" type veth peer name "$BOARD_IF" netns "$ns"
  ip addr add "$(host_addr "$i")/24" dev "$hif"
  ip link set dev "$hif" multicast on up
  ip -n "$ns" link set dev lo up
  ip -n "$ns" addr add "$(board_addr "$i")/24" dev "$BOARD_IF"
  ip -n "$ns" link set dev "$BOARD_IF" multicast on up
}

# Without this, a board whose link is down (`net-off`) is reached through the default route,
# out of the machine's uplink: on this machine something there even accepts the connection.
# With it, rig addresses never leave the host: a board that is off the network is unreachable.
GUARD_ROUTE=10.231.0.0/16
net_guard_add() {
  [[ -n $(ip route show type unreachable "$GUARD_ROUTE") ]] && return 0
  ip route add unreachable "$GUARD_ROUTE"
  echo 1 >"$RIG_DIR/made-guard-route"
}

net_guard_del() {
  [[ -f $RIG_DIR/made-guard-route ]] || return 0
  ip route del unreachable "$GUARD_ROUTE" 2>/dev/null || true
}

link_up() { [[ -e /sys/class/net/$1/flags ]] && (($(cat "/sys/class/net/$1/flags") & 1)); }

# ---------------------------------------------------------------------------------------------
# mDNS: a board's own avahi-daemon, in its namespace and in a private mount namespace where its
# service dir and run dir are bind-mounted (avahi has no option for either). Its own run dir,
# or it refuses to start next to another board's daemon ("Daemon already running").

avahi_write_conf() { # I
  local i=$1 dir
  dir=$(board_dir "$i")
  mkdir -p "$dir/avahi-services" "$dir/avahi-run"
  cat >"$dir/avahi.conf" <<EOF
[server]
host-name=$(board_hostname "$i")
domain-name=local
use-ipv4=yes
use-ipv6=no
allow-interfaces=$BOARD_IF
enable-dbus=no
ratelimit-interval-usec=1000000
ratelimit-burst=1000
[wide-area]
enable-wide-area=no
[publish]
publish-hinfo=no
publish-workstation=no
[reflector]
[rlimits]
EOF
  # What a balenaOS development image advertises: ssh on 22222 with the resin-device subtype.
  cat >"$dir/avahi-services/balena-ssh.service" <<EOF
<?xml version="1.0" standalone='no'?>
<!DOCTYPE service-group SYSTEM "avahi-service.dtd">
<service-group>
  <name replace-wildcards="yes">%h</name>
  <service>
    <type>_ssh._tcp</type>
    <subtype>_resin-device._sub._ssh._tcp</subtype>
    <port>$SSH_PORT</port>
  </service>
</service-group>
EOF
}

# The bind-mount target must exist on the host (teardown removes it if the rig made it).
ensure_run_avahi() { mkdir -p /run/avahi-daemon; }

avahi_start() { # I
  local i=$1 dir
  dir=$(board_dir "$i")
  rm -f "$dir/avahi-run/pid"
  ensure_run_avahi
  spawn "$dir/avahi.pid" "$dir/avahi.log" nsenter --net="$(ns_path "$i")" unshare -m sh -c \
    "mount --bind '$dir/avahi-services' /etc/avahi/services &&
     mount --bind '$dir/avahi-run' /run/avahi-daemon &&
     exec avahi-daemon -f '$dir/avahi.conf' --no-drop-root --no-chroot"
}

avahi_check() { # I: avahi dies at once on a bad config; say so with its log
  local dir
  dir=$(board_dir "$1")
  recorded_alive "$dir/avahi.pid" || die "board $1: avahi-daemon exited: $(tail -n 5 "$dir/avahi.log")"
}

# ---------------------------------------------------------------------------------------------
# ssh: a real sshd on tcp/22222 in the board's namespace (and its hostname), as a balenaOS
# development image has, logging root in with the key the rig makes (never a password). Its
# host key, config, pid file and authorized keys are all in the rig's folder: the machine's own
# sshd and /etc/ssh are never read or changed. Nothing listens on 48484: the rig has no
# supervisor and a probe must find it unreachable.

ssh_client_key() { echo "$RIG_DIR/ssh/id_ed25519"; }

ssh_keys_make() { # once per rig: the key tests and Benchtop log in with
  local dir=$RIG_DIR/ssh
  mkdir -p "$dir"
  chmod 700 "$dir"
  [[ -s $dir/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C benchtop-rig -f "$dir/id_ed25519"
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  chmod 600 "$dir/authorized_keys"
  # sshd's privilege separation needs this empty directory (Debian's own service makes it at
  # boot); it is the one path outside the rig's folder it uses. Teardown removes it if we made it.
  [[ -d /run/sshd ]] || { mkdir -p /run/sshd && chmod 755 /run/sshd && echo /run/sshd >>"$RIG_DIR/made-paths"; }
}

ssh_write_conf() { # I
  local i=$1 dir
  dir=$(board_dir "$i")/ssh
  mkdir -p "$dir"
  [[ -s $dir/ssh_host_ed25519_key ]] || ssh-keygen -q -t ed25519 -N '' -C "$(board_hostname "$i")" -f "$dir/ssh_host_ed25519_key"
  cat >"$dir/sshd_config" <<EOF
# Board $i's sshd: everything it reads is in $RIG_DIR.
Port $SSH_PORT
ListenAddress $(board_addr "$i")
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $RIG_DIR/ssh/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
# The rig's folder sits under /tmp (world-writable), which strict modes would refuse.
StrictModes no
PrintMotd no
PrintLastLog no
Subsystem sftp internal-sftp
EOF
}

ssh_start() { # I
  local i=$1 dir
  dir=$(board_dir "$i")/ssh
  rm -f "$dir/sshd.pid"
  # root logs in to a home of its own (an empty folder mounted on /root in sshd's own mount
  # namespace), as on a board: this machine's /root/.bashrc (pyenv init, ~1 s of CPU per
  # command) would otherwise run on every ssh command and, on a shared CPU, serialize a group.
  mkdir -p "$dir/home"
  chmod 700 "$dir/home"
  spawn "$dir/sshd.rigpid" "$dir/sshd.log" nsenter --net="$(ns_path "$i")" unshare --uts --mount sh -c \
    "mount --bind '$dir/home' /root && hostname $(board_hostname "$i") && exec /usr/sbin/sshd -D -e -f '$dir/sshd_config'"
}

ssh_wait() { # I: until it accepts connections
  local i=$1 deadline=$((SECONDS + 10)) dir
  dir=$(board_dir "$i")/ssh
  until timeout 1 bash -c "</dev/tcp/$(board_addr "$i")/$SSH_PORT" 2>/dev/null; do
    recorded_alive "$dir/sshd.rigpid" || die "board $i: sshd exited: $(tail -n 5 "$dir/sshd.log")"
    ((SECONDS < deadline)) || die "board $i: sshd does not listen on $SSH_PORT: $(tail -n 5 "$dir/sshd.log")"
    sleep 0.1
  done
}

ssh_stop() { # I
  stop_recorded "$(board_dir "$1")/ssh/sshd.rigpid" 5
}

# ---------------------------------------------------------------------------------------------
# Engine: a real dockerd per board. nsenter --net, not `ip netns exec`, which remounts /sys and
# then dockerd fails with "Devices cgroup isn't mounted". --tls=false skips a deliberate 15 s
# start-up delay. The default bridge stays (published ports work through the userland proxy);
# it lives inside the board namespace, so every board can have 172.17.0.1/16.

engine_host() { echo "tcp://$(board_addr "$1"):$ENGINE_PORT"; }

engine_spawn() { # I
  local i=$1 dir
  dir=$(board_dir "$i")/engine
  mkdir -p "$dir/root" "$dir/exec"
  # Our own daemon.json: a machine's /etc/docker/daemon.json must not leak in. It names our own
  # key.json (a daemon.json-only setting in 20.10): else every board would share
  # /etc/docker/key.json, hence one engine ID for all of them.
  printf '{"deprecated-key-path": "%s/key.json"}\n' "$dir" >"$dir/daemon.json"
  spawn "$dir/dockerd.rigpid" "$dir/dockerd.log" nsenter --net="$(ns_path "$i")" \
    dockerd -H "$(engine_host "$i")" --tls=false --config-file "$dir/daemon.json" \
    --data-root "$dir/root" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" \
    --iptables=false --ip-masq=false
}

engine_ping() { # I
  [[ $(curl -s --max-time 2 "http://$(board_addr "$1"):$ENGINE_PORT/_ping" 2>/dev/null) == OK ]]
}

engine_wait() { # I: until /_ping answers OK
  local i=$1 dir deadline=$((SECONDS + 90))
  dir=$(board_dir "$i")/engine
  until engine_ping "$i"; do
    recorded_alive "$dir/dockerd.rigpid" ||
      die "board $i: dockerd exited: $(tail -n 5 "$dir/dockerd.log")"
    ((SECONDS < deadline)) || die "board $i: dockerd does not answer /_ping after 90 s: $(tail -n 5 "$dir/dockerd.log")"
    sleep 0.2
  done
}

engine_import() { # I: the base image every board has (there is no registry here)
  docker -H "$(engine_host "$1")" import -m 'benchtop rig base image' \
    - bench/busybox:latest <"$RIG_DIR/cache/busybox-rootfs.tar" >/dev/null
}

engine_remove_containers() { # I: before stopping dockerd, or its shims outlive it
  local host ids
  host=$(engine_host "$1")
  engine_ping "$1" || return 0
  ids=$(timeout 30 docker -H "$host" ps -aq) || return 0
  [[ -z $ids ]] && return 0
  # shellcheck disable=SC2086
  timeout 60 docker -H "$host" rm -f $ids >/dev/null || log "board $1: could not remove containers $ids"
}

engine_stop() { # I: SIGTERM and wait: dockerd stops its containerd on the way out
  stop_recorded "$(board_dir "$1")/engine/dockerd.rigpid" 45
}

# Base image rootfs: static busybox and its applet links, built once per rig.
rootfs_tar() {
  local cache=$RIG_DIR/cache bb applet
  [[ -s $cache/busybox-rootfs.tar ]] && return 0
  bb=$(command -v busybox)
  rm -rf "$cache/rootfs"
  mkdir -p "$cache/rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev}
  chmod 1777 "$cache/rootfs/tmp"
  cp "$bb" "$cache/rootfs/bin/busybox"
  # `busybox --list-full` includes busybox itself: linking it would replace the binary.
  for applet in $("$bb" --list-full); do
    [[ $applet == */busybox ]] && continue
    [[ -e $cache/rootfs/$applet ]] || ln -s /bin/busybox "$cache/rootfs/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$cache/rootfs/etc/passwd"
  printf 'root:x:0:\n' >"$cache/rootfs/etc/group"
  tar -C "$cache/rootfs" --numeric-owner --owner=0 --group=0 -cf "$cache/busybox-rootfs.tar.tmp" .
  mv "$cache/busybox-rootfs.tar.tmp" "$cache/busybox-rootfs.tar"
  rm -rf "$cache/rootfs"
}

# ---------------------------------------------------------------------------------------------
# Serial console: socat makes a pty (the link is the "serial port") and runs a real agetty on a
# second pty. A logout ends agetty and socat, so a loop respawns them as systemd would a serial
# getty. agetty runs in the board's network namespace with the board's hostname, so the login
# prompt and a logged-in shell look like the board.

user_ensure() { # the console login user; its password changes on every `up`
  local pw
  id "$RIG_USER" >/dev/null 2>&1 || useradd -m -s /bin/bash "$RIG_USER"
  pw=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  printf '%s:%s\n' "$RIG_USER" "$pw" | chpasswd
  (umask 077 && printf '%s\n' "$pw" >"$RIG_DIR/password")
  chmod 600 "$RIG_DIR/password"
}

console_write_getty() { # I
  local i=$1 dir
  dir=$(board_dir "$i")
  cat >"$dir/getty.sh" <<EOF
#!/bin/sh
# Board $i's serial getty: its network namespace, its hostname.
exec nsenter --net=$(ns_path "$i") unshare --uts sh -c 'hostname $(board_hostname "$i") && exec $(command -v agetty) --noclear -L - 115200 vt100'
EOF
  chmod 755 "$dir/getty.sh"
}

console_start() { # I
  local i=$1 dir link
  dir=$(board_dir "$i")
  link=$(console_link "$i")
  rm -f "$link"
  spawn "$dir/console.pid" "$dir/console.log" sh -c \
    "while :; do socat pty,link=$link,raw,echo=0 EXEC:$dir/getty.sh,pty,setsid,ctty,stderr; sleep 0.2; done"
}

console_wait() { # I: until the pty link is there
  local i=$1 deadline=$((SECONDS + 10)) link dir
  link=$(console_link "$i")
  dir=$(board_dir "$i")
  until [[ -e $link ]]; do
    ((SECONDS < deadline)) || die "board $i: console link $link did not appear: $(tail -n 5 "$dir/console.log")"
    sleep 0.1
  done
}

console_stop() { # I
  stop_recorded "$(board_dir "$1")/console.pid" 3
  rm -f "$(console_link "$1")"
}

# ---------------------------------------------------------------------------------------------
# Host side: avahi-browse (the peer tool) talks to an avahi-daemon over the system D-Bus. This
# one only browses, only the rig's veths, never eth0 (the machine's uplink).

dbus_running() {
  [[ -S /run/dbus/system_bus_socket ]] &&
    timeout 5 dbus-send --system --dest=org.freedesktop.DBus --print-reply / \
      org.freedesktop.DBus.GetId >/dev/null 2>&1
}

dbus_ensure() {
  dbus_running && return 0
  local pid
  mkdir -p /run/dbus
  # A pid file left by a dead bus makes dbus-daemon refuse to start.
  if [[ -f /run/dbus/pid ]] && ! kill -0 "$(cat /run/dbus/pid)" 2>/dev/null; then
    rm -f /run/dbus/pid
  fi
  dbus-daemon --system --fork 9>&- </dev/null >>"$RIG_DIR/host/dbus.log" 2>&1
  pid=$(cat /run/dbus/pid) || die "dbus-daemon wrote no /run/dbus/pid"
  record_pid "$RIG_DIR/host/dbus.pid" "$pid"
  log "started a system D-Bus (pid $pid); down stops it"
}

# The kernel lets one socket join at most igmp_max_memberships groups (20 by default), and the
# host avahi joins mDNS once per interface: past 20 boards it would hear only the first 20.
igmp_raise() {
  local file=/proc/sys/net/ipv4/igmp_max_memberships current
  current=$(cat "$file")
  ((COUNT + 8 > current)) || return 0
  echo "$current" >"$RIG_DIR/host/igmp_max_memberships.orig"
  echo $((COUNT + 8)) >"$file"
  log "raised igmp_max_memberships from $current to $((COUNT + 8)); down restores it"
}

igmp_restore() {
  local saved=$RIG_DIR/host/igmp_max_memberships.orig
  [[ -f $saved ]] && cat "$saved" >/proc/sys/net/ipv4/igmp_max_memberships && rm -f "$saved"
  return 0
}

# Most Linux desktops already run an avahi-daemon that owns org.freedesktop.Avahi on the system
# bus; a second daemon cannot take that name, so the rig uses the running one when it hears the
# boards, and starts its own only when there is none.
system_avahi_pid() { # prints the pid of the daemon owning the Avahi bus name, if any
  dbus_running || return 1
  timeout 5 dbus-send --system --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.Avahi 2>/dev/null |
    awk '/uint32/ { print $2; found = 1 } END { exit !found }'
}

# True once the running daemon has heard a board's advert on every rig interface.
system_avahi_hears_boards() {
  local deadline=$((SECONDS + 10)) seen i missing
  while ((SECONDS < deadline)); do
    seen=$(timeout 5 avahi-browse -ptk _ssh._tcp 2>/dev/null | awk -F';' '$1 == "+" { print $2 }' | sort -u)
    missing=0
    for ((i = 0; i < COUNT; i++)); do
      grep -qx "$(host_if "$i")" <<<"$seen" || { missing=1 && break; }
    done
    ((missing)) || return 0
    sleep 0.5
  done
  return 1
}

system_avahi_refuse() { # PID
  local conf=/etc/avahi/avahi-daemon.conf line arg prev=""
  # avahi rewrites its process title, so -f is seldom still there; the default is the usual case.
  for arg in $(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null); do
    [[ $prev == -f || $prev == --file ]] && conf=$arg
    prev=$arg
  done
  # Through /proc/PID/root: the file as the daemon sees it (its own mount namespace or chroot).
  line=$(grep -hE '^[[:space:]]*(allow|deny)-interfaces=' "/proc/$1/root$conf" 2>/dev/null ||
    grep -hE '^[[:space:]]*(allow|deny)-interfaces=' "$conf" 2>/dev/null || true)
  line=$(paste -sd' ' <<<"$line")
  die "an avahi-daemon already runs (pid $1, config $conf) and does not hear the rig's interfaces ($(host_if 0)..$(host_if $((COUNT - 1)))); a second one cannot start beside it (it owns the D-Bus name). Let it use them: change the line '${line:-allow-interfaces=...}' in $conf to add $(host_if 0),$(host_if 1),... (or remove it), and restart avahi-daemon; or run the rig with --no-host-avahi"
}

host_avahi_start() {
  local dir=$RIG_DIR/host allow="" i pid
  mkdir -p "$dir/avahi-run"
  if pid=$(system_avahi_pid); then
    system_avahi_hears_boards || system_avahi_refuse "$pid"
    echo "$pid" >"$dir/avahi.reused"
    log "using the avahi-daemon already running (pid $pid); down leaves it running"
    return 0
  fi
  for ((i = 0; i < COUNT; i++)); do allow+="${allow:+,}$(host_if "$i")"; done
  # avahi's config lines are short: for many boards, deny every other interface instead
  # (the rig's interfaces are then all that is left).
  local filter="allow-interfaces=$allow
deny-interfaces=eth0"
  if ((${#allow} > 200)); then
    local other deny=""
    for other in /sys/class/net/*; do
      other=${other##*/}
      [[ $other == btv* || $other == lo ]] || deny+="${deny:+,}$other"
    done
    filter="deny-interfaces=${deny:-eth0}"
  fi
  cat >"$dir/avahi.conf" <<EOF
[server]
use-ipv4=yes
use-ipv6=no
$filter
enable-dbus=yes
[wide-area]
enable-wide-area=no
[publish]
disable-publishing=yes
[reflector]
[rlimits]
EOF
  dbus_ensure
  ensure_run_avahi
  # -D: it daemonizes once it is on the bus; its pid file lands in our run dir.
  setsid unshare -m sh -c "mount --bind '$dir/avahi-run' /run/avahi-daemon &&
    exec avahi-daemon -D -f '$dir/avahi.conf' --no-drop-root --no-chroot" \
    </dev/null >>"$dir/avahi.log" 2>&1 9>&- ||
    die "host avahi-daemon did not start: $(tail -n 5 "$dir/avahi.log")"
  pid=$(cat "$dir/avahi-run/pid") || die "host avahi-daemon wrote no pid file"
  record_pid "$dir/avahi.pid" "$pid"
}

host_stop() {
  local pid=""
  stop_recorded "$RIG_DIR/host/avahi.pid" 10
  [[ -f $RIG_DIR/host/dbus.pid ]] && read -r pid _ <"$RIG_DIR/host/dbus.pid"
  stop_recorded "$RIG_DIR/host/dbus.pid" 10
  # dbus-daemon leaves its pid file and socket behind: stale ones only confuse the next start.
  if [[ -n $pid && $(cat /run/dbus/pid 2>/dev/null) == "$pid" ]]; then
    rm -f /run/dbus/pid /run/dbus/system_bus_socket
  fi
}

# ---------------------------------------------------------------------------------------------
# Teardown: what the rig recorded first, in order; then sweep what a crashed rig may have left
# (namespaces named btboard*, processes carrying our marker, mounts under the state dir).

teardown_boards() { # the recorded rig, if any
  load_config || return 0
  local i pids=()
  if [[ $ENGINE == 1 ]]; then
    for ((i = 0; i < COUNT; i++)); do engine_remove_containers "$i" & pids+=($!); done
    for p in "${pids[@]}"; do wait "$p" || true; done
    pids=()
    for ((i = 0; i < COUNT; i++)); do engine_stop "$i" & pids+=($!); done
    for p in "${pids[@]}"; do wait "$p" || true; done
  fi
  for ((i = 0; i < COUNT; i++)); do
    stop_recorded "$(board_dir "$i")/avahi.pid" 5
    console_stop "$i"
    ssh_stop "$i"
  done
  host_stop
}

sweep_namespaces() {
  local ns p
  local -a procs
  for ns in $(ip netns list | awk '{print $1}' | grep -E "^$NS_PREFIX[0-9]+$" || true); do
    procs=()
    for p in $(ip netns pids "$ns" 2>/dev/null); do procs+=("$p:$(proc_field "$p" 22 || echo 0)"); done
    if ((${#procs[@]})); then
      log "stopping ${#procs[@]} leftover process(es) in namespace $ns"
      signal_all TERM "${procs[@]}"
      wait_gone 30 "${procs[@]}" || { signal_all KILL "${procs[@]}"; wait_gone 5 "${procs[@]}" || true; }
    fi
    ip netns del "$ns"
  done
}

sweep_marked_processes() { # anything still carrying our marker, except this script itself
  local self p env
  local -a procs=()
  self=" $(tree_of $$ | tr '\n' ' ') "
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [[ $self == *" $p "* ]] && continue
    env=$({ tr "\0" "\n" <"/proc/$p/environ"; } 2>/dev/null) || continue
    grep -qxF "BENCHTOP_RIG_OWNER=$RIG_DIR" <<<"$env" || continue
    alive "$p" "$(proc_field "$p" 22 || echo 0)" && procs+=("$p:$(proc_field "$p" 22)")
  done
  ((${#procs[@]})) || return 0
  log "stopping ${#procs[@]} leftover rig process(es): ${procs[*]%%:*}"
  signal_all TERM "${procs[@]}"
  wait_gone 10 "${procs[@]}" || { signal_all KILL "${procs[@]}"; wait_gone 5 "${procs[@]}" || true; }
}

sweep_links() {
  local l
  for l in $(ip -o link show type veth | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -E "^$VETH_PREFIX[0-9]+$" || true); do
    # Deleting a namespace takes its veth peer with it a moment later: a link gone by the
    # time we get to it is what we wanted; one still there afterwards is a real failure.
    ip link del "$l" 2>/dev/null || ! ip link show "$l" >/dev/null 2>&1 ||
      die "could not delete link $l"
  done
}

sweep_mounts() { # mounts dockerd left under the state dir (deepest first)
  local m
  for m in $(findmnt -rn -o TARGET | grep -E "^$RIG_DIR(/|$)" | sort -r || true); do
    umount "$m" 2>/dev/null || umount -l "$m"
  done
}

# Directories under /run that did not exist before `up` (ip, avahi, dockerd and containerd make
# them): remember them, so teardown can remove what is left of them, if it is empty.
note_made_paths() {
  local p
  for p in /run/avahi-daemon /run/docker /run/containerd /run/netns; do
    [[ -e $p ]] || echo "$p" >>"$RIG_DIR/made-paths"
  done
  # `ip netns add` bind-mounts /run/netns on itself the first time.
  mountpoint -q /run/netns 2>/dev/null || echo 1 >"$RIG_DIR/made-netns-mount"
}

sweep_made_paths() {
  local p
  if [[ -f $RIG_DIR/made-netns-mount ]] && [[ -z $(ip netns list) ]] && mountpoint -q /run/netns; then
    umount /run/netns || true
  fi
  [[ -f $RIG_DIR/made-paths ]] || return 0
  while read -r p; do
    [[ -d $p ]] && find "$p" -depth -type d -empty -delete 2>/dev/null || true
  done <"$RIG_DIR/made-paths"
}

teardown() {
  teardown_boards
  sweep_namespaces
  sweep_marked_processes
  sweep_links
  net_guard_del
  sweep_mounts
  sweep_made_paths
  igmp_restore
  if [[ -e $RIG_DIR/.benchtop-rig ]]; then rm -rf "$RIG_DIR"; fi
}

# ---------------------------------------------------------------------------------------------
# JSON (all values are ours: numbers, names and paths without quotes).

json_bool() { if "$@"; then echo true; else echo false; fi; }

board_json() { # I
  local i=$1 dir docker=null console=null engine_live=null console_live=null
  dir=$(board_dir "$i")
  if [[ $ENGINE == 1 ]]; then
    docker="\"$(engine_host "$i")\""
    engine_live=$(json_bool engine_ping "$i")
  fi
  if [[ $CONSOLE == 1 ]]; then
    console="\"$(console_link "$i")\""
    console_live=$(json_bool eval "[[ -e $(console_link "$i") ]] && recorded_alive $dir/console.pid")
  fi
  printf '{"index":%d,"name":"%s","namespace":"%s","hostInterface":"%s","boardInterface":"%s",' \
    "$i" "$(ns_name "$i")" "$(ns_name "$i")" "$(host_if "$i")" "$BOARD_IF"
  printf '"hostAddress":"%s","address":"%s","hostname":"%s","sshPort":%d,"dockerHost":%s,"consolePath":%s,' \
    "$(host_addr "$i")" "$(board_addr "$i")" "$(board_hostname "$i")" "$SSH_PORT" "$docker" "$console"
  printf '"live":{"link":%s,"advertising":%s,"ssh":%s,"engine":%s,"console":%s}}' \
    "$(json_bool link_up "$(host_if "$i")")" "$(json_bool recorded_alive "$dir/avahi.pid")" \
    "$(json_bool timeout 1 bash -c "</dev/tcp/$(board_addr "$i")/$SSH_PORT" 2>/dev/null)" \
    "$engine_live" "$console_live"
}

status_json() {
  if ! load_config; then
    printf '{"up":false,"stateDir":"%s"}\n' "$RIG_DIR"
    return 0
  fi
  local i sep=""
  printf '{"up":true,"stateDir":"%s","passwordFile":"%s","user":"%s","sshKey":"%s","hostAvahi":%s,"boards":[' \
    "$RIG_DIR" "$RIG_DIR/password" "$RIG_USER" "$(ssh_client_key)" "$([[ $HOST_AVAHI == 1 ]] && echo true || echo false)"
  for ((i = 0; i < COUNT; i++)); do
    printf '%s' "$sep"
    board_json "$i"
    sep=,
  done
  printf ']}\n'
}

# ---------------------------------------------------------------------------------------------
# Commands.

cmd_up() {
  local n=${1:-} opt i p engine=1 console=1 host_avahi=1
  [[ $n =~ ^[0-9]+$ ]] && ((n >= 1 && n <= MAX_BOARDS)) || die "up needs a board count 1..$MAX_BOARDS, got '$n'"
  shift
  for opt in "$@"; do
    case $opt in
      --no-engine) engine=0 ;;
      --no-console) console=0 ;;
      --no-host-avahi) host_avahi=0 ;;
      *) die "unknown option for up: $opt" ;;
    esac
  done
  preflight "$engine" "$console" "$host_avahi"
  check_rig_dir
  take_lock
  local t0=$SECONDS
  if load_config || [[ -n $(ip netns list | grep -E "^$NS_PREFIX[0-9]+( |$)" || true) ]]; then
    log "cleaning up an earlier rig first"
  fi
  teardown # it loads the earlier rig's settings: ours are set only now
  COUNT=$n ENGINE=$engine CONSOLE=$console HOST_AVAHI=$host_avahi
  # From here on, a failure tears down what was built: no half-built rig stays behind.
  trap 'rc=$?; if ((rc)); then log "up failed; tearing down"; teardown || true; fi' EXIT
  mkdir -p "$RIG_DIR/cache" "$RIG_DIR/host"
  touch "$RIG_DIR/.benchtop-rig"
  note_made_paths
  printf 'COUNT=%d\nENGINE=%d\nCONSOLE=%d\nHOST_AVAHI=%d\n' "$COUNT" "$ENGINE" "$CONSOLE" "$HOST_AVAHI" >"$RIG_DIR/rig.env"

  net_guard_add
  # Before the veths exist: a system avahi-daemon joins each one as it appears.
  [[ $HOST_AVAHI == 1 ]] && igmp_raise
  [[ $ENGINE == 1 ]] && rootfs_tar
  [[ $CONSOLE == 1 ]] && user_ensure
  ssh_keys_make
  for ((i = 0; i < COUNT; i++)); do
    mkdir -p "$(board_dir "$i")"
    net_create "$i"
    avahi_write_conf "$i"
    avahi_start "$i"
    ssh_write_conf "$i"
    ssh_start "$i"
    [[ $ENGINE == 1 ]] && engine_spawn "$i"
    if [[ $CONSOLE == 1 ]]; then console_write_getty "$i" && console_start "$i"; fi
  done
  sleep 0.3
  for ((i = 0; i < COUNT; i++)); do avahi_check "$i"; done
  for ((i = 0; i < COUNT; i++)); do ssh_wait "$i"; done
  [[ $HOST_AVAHI == 1 ]] && host_avahi_start
  if [[ $ENGINE == 1 ]]; then # dockerds start in parallel: about 3 s each
    local -a jobs=()
    for ((i = 0; i < COUNT; i++)); do (engine_wait "$i" && engine_import "$i") & jobs+=($!); done
    for p in "${jobs[@]}"; do wait "$p"; done
  fi
  if [[ $CONSOLE == 1 ]]; then
    for ((i = 0; i < COUNT; i++)); do console_wait "$i"; done
    log "console user $RIG_USER, password in $RIG_DIR/password"
  fi
  log "$COUNT board(s) up in $((SECONDS - t0)) s; state in $RIG_DIR"
  status_json
  trap - EXIT
}

cmd_down() {
  preflight 0 0 0
  check_rig_dir
  take_lock
  teardown
  log "rig down"
}

cmd_board() { # CMD I
  local cmd=$1 i=${2:-}
  check_index "$i"
  take_lock
  case $cmd in
    net-off) ip link set dev "$(host_if "$i")" down ;;
    net-on) ip link set dev "$(host_if "$i")" up ;;
    advert-off) stop_recorded "$(board_dir "$i")/avahi.pid" 10 ;; # SIGTERM: avahi says goodbye
    advert-on)
      recorded_alive "$(board_dir "$i")/avahi.pid" || { avahi_start "$i" && sleep 0.3 && avahi_check "$i"; } ;;
    engine-stop | engine-start)
      [[ $ENGINE == 1 ]] || die "the rig was brought up with --no-engine"
      if [[ $cmd == engine-stop ]]; then
        engine_stop "$i"
      elif ! recorded_alive "$(board_dir "$i")/engine/dockerd.rigpid"; then
        engine_spawn "$i" && engine_wait "$i"
      fi ;;
    console-break | console-restore)
      [[ $CONSOLE == 1 ]] || die "the rig was brought up with --no-console"
      if [[ $cmd == console-break ]]; then
        console_stop "$i"
      elif ! recorded_alive "$(board_dir "$i")/console.pid"; then
        console_start "$i" && console_wait "$i"
      fi ;;
  esac
  log "board $i: $cmd done"
}

main() {
  local cmd=${1:-help}
  shift || true
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status) check_rig_dir && status_json ;;
    net-off | net-on | advert-off | advert-on | engine-stop | engine-start | console-break | console-restore)
      preflight 0 0 0 && cmd_board "$cmd" "$@" ;;
    help | -h | --help) usage ;;
    *) usage && die "unknown command: $cmd" ;;
  esac
}

main "$@"
