// The AWS SDK for JavaScript v3 resolving an SSO profile (one GetRoleCredentials; it keeps no disk cache).
const { fromSSO } = require("@aws-sdk/credential-providers");
fromSSO({ profile: process.argv[2] })()
  .then((c) => console.log(c.accessKeyId))
  .catch((e) => { console.error(String(e)); process.exit(1); });
