#!/bin/sh
# A stand-in for python:3.11-slim-bookworm where no container registry can be reached (this
# project's build machine): Debian bookworm from Debian's own package mirror (debootstrap), with
# Python 3.11 in a venv at /opt/python first on PATH, imported into podman as
#   localhost/python:3.11-slim-bookworm-local
# Then: make image IMAGE_BASE=localhost/python:3.11-slim-bookworm-local
# Needs root, debootstrap and podman (apt-get install debootstrap podman).
set -eu
TAG=${TAG:-localhost/python:3.11-slim-bookworm-local}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT" "$ROOT.tar"' EXIT
debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$ROOT" "$MIRROR"
chroot "$ROOT" python3 -m venv /opt/python
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/*
tar -C "$ROOT" -cf "$ROOT.tar" .
podman import \
  --change 'ENV PATH=/opt/python/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["python3"]' "$ROOT.tar" "$TAG"
