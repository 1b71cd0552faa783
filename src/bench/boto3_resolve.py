"""boto3 resolving an SSO profile (one GetRoleCredentials; boto3 keeps no disk cache of role credentials)."""
import sys

import boto3

print(boto3.Session(profile_name=sys.argv[1]).get_credentials().get_frozen_credentials().access_key)
