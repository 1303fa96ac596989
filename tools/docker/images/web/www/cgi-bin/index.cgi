#!/bin/sh
# GET / : says which app and which host answered, plus $MESSAGE and the
# content of $CONFIG_FILE when set.
printf 'Content-Type: text/plain\r\n\r\n'
echo "app: ${APP_NAME:-web}"
echo "host: $(hostname)"
[ -n "$MESSAGE" ] && echo "message: $MESSAGE"
if [ -n "$CONFIG_FILE" ]; then
  if [ -r "$CONFIG_FILE" ]; then
    echo "config: $CONFIG_FILE"
    sed 's/^/  /' "$CONFIG_FILE"
  else
    echo "config: $CONFIG_FILE (unreadable)"
  fi
fi
exit 0
