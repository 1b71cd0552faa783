"""Resolve an SSO profile the way the AWS CLI v2 does: botocore's SSO provider with its JSONFileCache over
~/.aws/cli/cache (awscli/customizations/assumerole.py injects the same), then call STS GetCallerIdentity.

Usage: python3 botocore_cli_cache.py PROFILE STS_ENDPOINT
"""
import json
import os
import sys

import botocore.session
from botocore.utils import JSONFileCache

profile, endpoint = sys.argv[1], sys.argv[2]
session = botocore.session.Session(profile=profile)
resolver = session.get_component("credential_provider")
resolver.get_provider("sso").cache = JSONFileCache(os.path.expanduser(os.path.join("~", ".aws", "cli", "cache")))
sts = session.create_client("sts", endpoint_url=endpoint, region_name="us-east-1")
answer = sts.get_caller_identity()
answer.pop("ResponseMetadata", None)
print(json.dumps(answer))
