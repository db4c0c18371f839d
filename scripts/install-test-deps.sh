#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Debian packages the test suite needs: the rig's real parts (dockerd, avahi, agetty on a pty),
# image tools for flash tests, Chromium for the UI, and the peers the benchmarks compare with.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: run as root (apt-get)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq \
  docker.io docker-compose avahi-daemon avahi-utils dbus socat busybox-static util-linux iproute2 \
  chromium mtools dosfstools e2fsprogs fdisk bmap-tools xz-utils bzip2 gzip zip unzip zstd \
  tio picocom tmux lsof psmisc openssh-server openssh-client >/dev/null
