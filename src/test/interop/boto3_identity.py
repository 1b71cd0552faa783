"""Resolve a profile with boto3 (botocore's own credential chain) and call STS GetCallerIdentity.

Usage: python3 boto3_identity.py PROFILE STS_ENDPOINT
Prints the GetCallerIdentity answer as JSON. The SSO endpoints come from AWS_ENDPOINT_URL_SSO(_OIDC).
"""
import json
import sys

import boto3

profile, endpoint = sys.argv[1], sys.argv[2]
session = boto3.Session(profile_name=profile)
sts = session.client("sts", endpoint_url=endpoint, region_name="us-east-1")
answer = sts.get_caller_identity()
answer.pop("ResponseMetadata", None)
print(json.dumps(answer))
