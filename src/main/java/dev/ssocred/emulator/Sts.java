package dev.ssocred.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * STS over the awsQuery protocol: GetCallerIdentity and AssumeRole, answering only requests whose Signature
 * Version 4 signature verifies against credentials this emulator issued. That is what proves, in the interop
 * tests, that a tool really signed with the credentials ssocred handed it.
 */
final class Sts {
    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private final EmulatorState state;

    Sts(EmulatorState state) {
        this.state = state;
    }

    Response handle(Request req, Consumer<String> count) {
        Map<String, String> params = new TreeMap<>(req.query());
        if ("POST".equals(req.method())) {
            params.putAll(Request.form(req.text()));
        }
        String action = params.getOrDefault("Action", "");
        count.accept("STS:" + action);
        Verified v;
        try {
            v = verify(req);
        } catch (SignatureError e) {
            count.accept("STS:rejected");
            return error(403, e.code, e.getMessage());
        }
        return switch (action) {
            case "GetCallerIdentity" -> xml("GetCallerIdentity", "<Arn>" + v.creds.arn() + "</Arn>"
                    + "<UserId>" + (v.creds.roleSession() ? "AROAEMULATOR:" + v.creds.arn().replaceAll("^.*/", "")
                    : "AIDAEMULATOR") + "</UserId><Account>" + v.creds.accountId() + "</Account>");
            case "AssumeRole" -> assumeRole(params, v);
            default -> error(400, "InvalidAction", "unsupported action " + action);
        };
    }

    /**
     * AssumeRole with the service model's constraints (RoleSessionName {@code [\\w+=,.@-]{2,64}}, DurationSeconds
     * 900 to 43200), the 1-hour limit on role chaining (a role session signing, Identity Center ones included), and
     * the trust conditions a test set: a wrong or missing external id or MFA code is AccessDenied, as STS says it.
     */
    private Response assumeRole(Map<String, String> params, Verified v) {
        String arn = params.get("RoleArn");
        String session = params.get("RoleSessionName");
        if (arn == null || session == null) {
            return error(400, "ValidationError", "RoleArn and RoleSessionName are required");
        }
        if (!session.matches("[\\w+=,.@-]{2,64}")) {
            return error(400, "ValidationError", "1 validation error detected: Value '" + session + "' at "
                    + "'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "[\\w+=,.@-]*");
        }
        int duration = 3600;
        if (params.containsKey("DurationSeconds")) {
            duration = Integer.parseInt(params.get("DurationSeconds"));
            if (duration < 900 || duration > 43200) {
                return error(400, "ValidationError", "1 validation error detected: Value '" + duration + "' at "
                        + "'durationSeconds' failed to satisfy constraint: Member must have value "
                        + (duration < 900 ? "greater than or equal to 900" : "less than or equal to 43200"));
            }
            if (v.creds.roleSession() && duration > 3600) {
                return error(400, "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit "
                        + "for roles assumed by role chaining.");
            }
        }
        EmulatorState.Trust t = state.trust.get(arn);
        boolean trusted = t == null || ((t.externalId() == null || t.externalId().equals(params.get("ExternalId")))
                && (t.mfaSerial() == null || (t.mfaSerial().equals(params.get("SerialNumber"))
                && t.mfaCode().equals(params.get("TokenCode")))));
        if (!trusted) {
            return error(403, "AccessDenied", "User: " + v.creds.arn() + " is not authorized to perform: "
                    + "sts:AssumeRole on resource: " + arn);
        }
        String account = arn.replaceAll("^arn:aws:iam::(\\d+):role/.*$", "$1");
        String role = arn.replaceAll("^.*:role/", "");
        String assumedArn = "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session;
        var c = state.issueSession(account, role, java.time.Duration.ofSeconds(duration), assumedArn);
        return xml("AssumeRole", "<AssumedRoleUser><AssumedRoleId>AROAEMULATOR:" + session + "</AssumedRoleId><Arn>"
                + assumedArn + "</Arn></AssumedRoleUser><Credentials><AccessKeyId>" + c.accessKeyId()
                + "</AccessKeyId><SecretAccessKey>" + c.secretAccessKey() + "</SecretAccessKey><SessionToken>"
                + c.sessionToken() + "</SessionToken><Expiration>" + DateTimeFormatter.ISO_INSTANT.format(c.expiration())
                + "</Expiration></Credentials>");
    }

    private record Verified(EmulatorState.IssuedCredentials creds) {
    }

    private static final class SignatureError extends Exception {
        final String code;

        SignatureError(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private Verified verify(Request req) throws SignatureError {
        String auth = req.header("authorization");
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 ")) {
            throw new SignatureError("MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        Map<String, String> parts = new TreeMap<>();
        for (String p : auth.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
            String[] kv = p.strip().split("=", 2);
            parts.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        String[] scope = parts.getOrDefault("Credential", "").split("/");
        if (scope.length != 5) {
            throw new SignatureError("IncompleteSignature", "bad Credential scope");
        }
        Optional<EmulatorState.IssuedCredentials> issued = state.issued(scope[0]);
        if (issued.isEmpty()) {
            throw new SignatureError("InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        var c = issued.get();
        if (!java.util.Objects.equals(c.sessionToken(), req.header("x-amz-security-token"))) {
            throw new SignatureError("InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        if (!state.now().isBefore(c.expiration())) {
            throw new SignatureError("ExpiredToken", "The security token included in the request is expired");
        }
        String amzDate = req.header("x-amz-date");
        String signedHeaders = parts.get("SignedHeaders");
        if (amzDate == null || signedHeaders == null) {
            throw new SignatureError("IncompleteSignature", "x-amz-date and SignedHeaders are required");
        }
        String canonical = canonicalRequest(req, signedHeaders);
        String credentialScope = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + credentialScope + "\n" + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + c.secretAccessKey()).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        key = hmac(key, scope[4]);
        String expected = HexFormat.of().formatHex(hmac(key, toSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parts.getOrDefault("Signature", "").getBytes(StandardCharsets.US_ASCII))) {
            throw new SignatureError("SignatureDoesNotMatch", "The request signature we calculated does not match the "
                    + "signature you provided.");
        }
        return new Verified(c);
    }

    private static String canonicalRequest(Request req, String signedHeaders) {
        StringBuilder sb = new StringBuilder();
        sb.append(req.method()).append('\n');
        sb.append(req.path().isEmpty() ? "/" : req.path()).append('\n');
        List<String> query = new ArrayList<>();
        new TreeMap<>(req.query()).forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
        sb.append(String.join("&", query)).append('\n');
        for (String h : signedHeaders.split(";")) {
            String value = String.join(",", req.headers().getOrDefault(h, List.of()));
            sb.append(h).append(':').append(value.strip().replaceAll("\\s+", " ")).append('\n');
        }
        sb.append('\n').append(signedHeaders).append('\n');
        String payload = req.header("x-amz-content-sha256");
        sb.append(payload != null ? payload : sha256Hex(req.body()));
        return sb.toString();
    }

    private static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response xml(String action, String result) {
        String body = "<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>" + java.util.UUID.randomUUID() + "</RequestId></ResponseMetadata></"
                + action + "Response>";
        return new Response(200, Map.of("Content-Type", "text/xml"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Response error(int status, String code, String message) {
        String body = "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                + message + "</Message></Error><RequestId>" + java.util.UUID.randomUUID() + "</RequestId></ErrorResponse>";
        return new Response(status, Map.of("Content-Type", "text/xml"), body.getBytes(StandardCharsets.UTF_8));
    }

}
