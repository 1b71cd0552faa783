#!/usr/bin/env bash
# Runs a command N times in parallel and waits for all of them: the floor a burst of JVMs can reach.
n=$1; shift
for _ in $(seq "$n"); do "$@" > /dev/null & done
wait
