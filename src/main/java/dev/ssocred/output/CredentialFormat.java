package dev.ssocred.output;

import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.io.PyJson;
import dev.ssocred.io.Timestamps;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Exact renderings of role credentials for programs: the credential_process JSON and the environment variables in
 * each shell's syntax. Every value is quoted so that no byte of it can be read as shell syntax.
 */
public enum CredentialFormat {
    /** The credential_process contract, byte for byte what {@code aws configure export-credentials} prints. */
    PROCESS,
    BASH,
    ZSH,
    FISH,
    POWERSHELL,
    CMD,
    /**
     * KEY=value lines that docker {@code --env-file}, python-dotenv and {@code set -a; . file} in sh all read as the
     * same value. Docker takes the rest of the line literally (quotes included), python-dotenv expands
     * {@code ${...}} and strips {@code # comments}, sh interprets quotes, {@code $}, backticks and spaces: no quoting
     * means the same to all three, so only values made of {@code [A-Za-z0-9_./+=:@,-]} are written (every AWS key,
     * secret, session token, expiry and region is) and anything else is refused rather than written in a form one
     * of them would misread.
     */
    DOTENV,
    /** The variables as one JSON object, for programs that set their own environment. */
    JSON;

    /** Compiled on first use: enum initialisation is on the credential_process path, these patterns are not. */
    private static final class Patterns {
        static final Pattern CMD_UNSAFE = Pattern.compile("[\"%!\\r\\n]");
        static final Pattern DOTENV_PLAIN = Pattern.compile("[A-Za-z0-9_./+=:@,-]*");
        static final Pattern PS_QUOTES = Pattern.compile("['\u2018\u2019\u201a\u201b]");
    }

    /**
     * The text to print: one line per variable for the shell formats. Plain constants and {@code this ==} tests rather
     * than a body per constant or a switch: either would be classes more for every credential_process call to load
     * (eight, or a switch map's one; docs/performance.md).
     */
    public String render(RoleCredentials c, Optional<String> region) {
        if (this == PROCESS) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("Version", 1);
            json.put("AccessKeyId", c.accessKeyId());
            json.put("SecretAccessKey", c.secretAccessKey());
            if (c.sessionToken() != null) {
                json.put("SessionToken", c.sessionToken());
            }
            if (c.expiration() != null) { // long-term keys: no expiry, as export-credentials prints them
                json.put("Expiration", Timestamps.formatIsoOffset(c.expiration()));
            }
            return PyJson.INDENT2.dumps(json) + "\n";
        }
        if (this == JSON) {
            return PyJson.INDENT2.dumps(variables(c, region)) + "\n";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : variables(c, region).entrySet()) {
            String value = (String) e.getValue();
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("the value of " + e.getKey() + " contains a NUL character, which no "
                        + "environment variable can hold");
            }
            sb.append(line(e.getKey(), value)).append(platformNewline());
        }
        return sb.toString();
    }

    /** One variable's line in this shell's syntax. */
    String line(String name, String value) {
        if (this == BASH || this == ZSH) {
            return "export " + name + "=" + posixQuote(value);
        }
        if (this == FISH) {
            return "set -gx " + name + " '" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (this == POWERSHELL) {
            // A single-quoted PowerShell string also ends at the typographic quotes U+2018..U+201B; doubling any of
            // them makes it literal, as for the ASCII one.
            return "$Env:" + name + " = '" + Patterns.PS_QUOTES.matcher(value).replaceAll("$0$0") + "'";
        }
        if (this == CMD) {
            // Inside set "N=V" cmd.exe still expands % and ! and cannot escape a quote: refuse rather than mangle.
            if (Patterns.CMD_UNSAFE.matcher(value).find()) {
                throw new IllegalArgumentException("the value of " + name + " cannot be written safely for cmd.exe");
            }
            return "set \"" + name + "=" + value + "\"";
        }
        if (this == DOTENV) {
            if (!Patterns.DOTENV_PLAIN.matcher(value).matches()) {
                throw new IllegalArgumentException("the value of " + name + " cannot be written safely as a dotenv line "
                        + "(only letters, digits and _./+=:@,- can be read alike by docker, python-dotenv and sh)");
            }
            return name + "=" + value;
        }
        throw new UnsupportedOperationException(name());
    }

    private String platformNewline() {
        return this == CMD ? "\r\n" : "\n";
    }

    /** The variables the SDKs read, in a fixed order; the region pair only when the profile sets one. */
    public static Map<String, Object> variables(RoleCredentials c, Optional<String> region) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
        vars.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
        if (c.sessionToken() != null) {
            vars.put("AWS_SESSION_TOKEN", c.sessionToken());
        }
        if (c.expiration() != null) {
            vars.put("AWS_CREDENTIAL_EXPIRATION", Timestamps.formatIsoOffset(c.expiration()));
        }
        if (region.isPresent()) {
            vars.put("AWS_REGION", region.get());
            vars.put("AWS_DEFAULT_REGION", region.get());
        }
        return vars;
    }

    /** Single quotes: POSIX shells take everything inside them literally; a quote itself becomes '\\''. */
    static String posixQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * The format named {@code s} (any case, '-' for '_'); IllegalArgumentException if none is. A loop, not
     * {@code valueOf}: Enum.valueOf finds the constants by reflection, three classes and a native method call on
     * every {@code ssocred env} (docs/performance.md).
     */
    public static CredentialFormat parse(String s) {
        String name = s.toUpperCase(Locale.ROOT).replace('-', '_');
        for (CredentialFormat f : values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format " + s);
    }

    /** A format {@code ssocred env} accepts (all but PROCESS), or empty. */
    public static Optional<CredentialFormat> forEnv(String s) {
        try {
            CredentialFormat f = parse(s);
            return f == PROCESS ? Optional.empty() : Optional.of(f);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
