"""Resolve each named profile with boto3 (botocore's own SSO provider and token cache) and call STS.

Usage: python3 boto3_profiles.py STS_ENDPOINT PROFILE...
Prints "PROFILE ARN" per profile. The SSO endpoints come from AWS_ENDPOINT_URL_SSO(_OIDC).
"""
import sys

import boto3

endpoint = sys.argv[1]
for profile in sys.argv[2:]:
    session = boto3.Session(profile_name=profile)
    sts = session.client("sts", endpoint_url=endpoint, region_name="us-east-1")
    print(profile, sts.get_caller_identity()["Arn"])
