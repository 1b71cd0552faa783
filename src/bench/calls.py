"""Prints the emulator's call counts as JSON."""
import sys
import urllib.request

print(urllib.request.urlopen(sys.argv[1] + "/_emulator/calls").read().decode())
