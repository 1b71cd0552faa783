package dev.ssocred.sso;

import dev.ssocred.config.SsoSession;
import dev.ssocred.io.PyJson;
import dev.ssocred.io.Sha1;
import java.util.Map;
import java.util.TreeMap;

/** File names in ~/.aws/sso/cache, computed exactly as the AWS CLI computes them so one login serves every tool. */
public final class CacheKeys {
    private CacheKeys() {
    }

    /** sha1 of the sso-session name; for a legacy profile, sha1 of the start URL exactly as configured. */
    public static String tokenFile(SsoSession session) {
        return Sha1.hex(session.name().orElse(session.startUrl())) + ".json";
    }

    /**
     * sha1 of Python's {@code json.dumps({...}, sort_keys=True)} over tool, startUrl, region, scopes and session_name
     * (CLI 2.9+), so a registration the CLI made is reused by us and the other way round.
     */
    public static String registrationFile(SsoSession session) {
        Map<String, Object> args = new TreeMap<>();
        args.put("tool", "botocore");
        args.put("startUrl", session.startUrl());
        args.put("region", session.region());
        args.put("scopes", session.scopes());
        args.put("session_name", session.name().orElse(null));
        return Sha1.hex(PyJson.DEFAULT.dumps(args)) + ".json";
    }
}
