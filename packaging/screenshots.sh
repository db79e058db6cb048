#!/bin/sh
# Screenshots of the main screens, light and dark, under Xvfb, into docs/screenshots/.
# Needs: apt-get install -y xvfb imagemagick libgtk-3-0
set -eu
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/test.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat target/test.classpath)"
Xvfb :91 -screen 0 1000x660x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB' EXIT
sleep 1
for theme in light dark; do
  DISPLAY=:91 java -cp "$CP" io.keydesk.gui.ScreenshotTourLauncher docs/screenshots "$theme"
done
ls -la docs/screenshots
