#!/bin/sh
# `make image-smoke` on this project's build machine: a VM with no container registry in reach,
# cgroups v1 in hybrid mode (crun refuses it; runc works), a lower open-files and process limit
# than podman's defaults, and a TLS-inspecting proxy whose CA the build's pip must trust.
# The Dockerfile is the same; only the base image and the engine's flags differ.
set -eu
BASE=localhost/python:3.11-slim-bookworm-local
podman image exists "$BASE" || "$(dirname "$0")/base_image.sh"
LIMITS="--ulimit nofile=1024:1024 --ulimit nproc=1024:1024"
PIPCONF=$(mktemp)
trap 'rm -f "$PIPCONF"' EXIT
printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' > "$PIPCONF"
make image-smoke ENGINE="podman --runtime runc" IMAGE_BASE="$BASE" RUN_FLAGS="$LIMITS" \
  BUILD_FLAGS="--format docker $LIMITS -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro -v $PIPCONF:/etc/pip.conf:ro"
