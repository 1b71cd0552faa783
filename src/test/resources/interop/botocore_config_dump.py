"""Reads each file named on the command line the way botocore reads ~/.aws/config, and prints one JSON line per
file: the profiles, sso-sessions and services sections botocore sees, or the name of the error it raises.
Used by BotocoreConfigDifferentialIT to compare ssocred's parser with botocore's own, file by file."""
import json
import sys

from botocore import configloader

for path in sys.argv[1:]:
    try:
        parsed = configloader.raw_config_parse(path)
        built = configloader.build_profile_map(parsed)
        out = {k: built.get(k, {}) for k in ("profiles", "sso_sessions", "services")}
    except Exception as e:  # the class name is what is compared
        out = {"error": type(e).__name__}
    print(json.dumps(out, sort_keys=True))
