#!/bin/sh
# Entrypoint of the course's local redis image (Debian's redis-server 7.0 under the tags the course
# uses). Like the official image: `redis-server` runs as the redis user in /data, and without a
# config file protected mode is off (the official image patches its default), so other pods reach
# it through the Service. Any other command (redis-cli, sh) runs as given.
set -e
if [ "${1#-}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ]; then
  case " $* " in *" --protected-mode "*|*.conf*) ;; *) set -- "$@" --protected-mode no ;; esac
  chown -R redis:redis /data 2>/dev/null || true
  [ "$(id -u)" = 0 ] && exec chpst -u redis "$@"
fi
exec "$@"
