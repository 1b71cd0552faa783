// Resolve credentials with the AWS SDK for JavaScript v3 and call STS GetCallerIdentity.
// Usage: node js_identity.cjs sso|process|container PROFILE STS_ENDPOINT   (NODE_PATH points at target/interop/node_modules)
// container: AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN (ssocred serve); PROFILE unused.
const { fromSSO, fromProcess, fromContainerMetadata, fromHttp } = require("@aws-sdk/credential-providers");
const { STSClient, GetCallerIdentityCommand } = require("@aws-sdk/client-sts");

async function main() {
  const [kind, profile, endpoint] = process.argv.slice(2);
  const provider = kind === "sso" ? fromSSO({ profile }) : kind === "container" ? fromHttp({}) : fromProcess({ profile });
  const credentials = await provider();
  const sts = new STSClient({ region: "us-east-1", endpoint, credentials });
  const answer = await sts.send(new GetCallerIdentityCommand({}));
  console.log(JSON.stringify({ Account: answer.Account, Arn: answer.Arn }));
}

main().catch((e) => {
  console.error(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
