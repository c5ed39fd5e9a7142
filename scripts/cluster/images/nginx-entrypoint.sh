#!/bin/sh
# Like the official image's entrypoint: say so on stdout, then run nginx in the foreground.
echo "/docker-entrypoint.sh: Configuration complete; ready for start up"
exec "$@"
