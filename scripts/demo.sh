#!/bin/sh
set -e
./damirstat --version
