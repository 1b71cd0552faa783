package dev.ssocred.creds;

import dev.ssocred.config.SsoProfile;
import dev.ssocred.io.Json;
import dev.ssocred.io.Provenance;
import dev.ssocred.io.PyJson;
import dev.ssocred.io.TextFiles;
import dev.ssocred.io.Sha1;
import dev.ssocred.io.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * ~/.aws/cli/cache: role credentials under the AWS CLI's keys and JSON, so {@code aws} and ssocred share them. The
 * SSO provider's entries ({@link #key(SsoProfile)}):
 * <pre>{"ProviderType": "sso", "Credentials": {"AccessKeyId": "…", "SecretAccessKey": "…", "SessionToken": "…",
 *  "Expiration": "2024-01-02T03:04:05Z", "AccountId": "123456789012"}}</pre>
 * and the assume-role provider's ({@link AssumeRoleKey}), see {@link #writeAssumed}.
 */
public final class RoleCredentialsCache {
    private final Path dir;
    private final Function<Path, String> display;
    private final Consumer<String> warnings;

    /**
     * For a caller that only counts warnings and never shows them (the cache-hit path, which falls back to the full
     * path on any warning). A class, not a lambda: that path runs no invokedynamic (docs/performance.md).
     */
    public static final Function<Path, String> UNNAMED = new Function<>() {
        @Override
        public String apply(Path path) {
            return "";
        }
    };

    public RoleCredentialsCache(Path dir, Function<Path, String> display, Consumer<String> warnings) {
        this.dir = dir;
        this.display = display;
        this.warnings = warnings;
    }

    /** sha1 of the compact, key-sorted JSON of account, role and session name (or start URL for legacy profiles). */
    public static String key(SsoProfile p) {
        // botocore dumps these with sort_keys=True: put in sorted order ("accountId" < "roleName" < "sessionName" or
        // "startUrl"), a LinkedHashMap gives the same string without a TreeMap's seven classes on every hit.
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("accountId", p.accountId());
        args.put("roleName", p.roleName());
        if (p.session().name().isPresent()) {
            args.put("sessionName", p.session().name().get());
        } else {
            args.put("startUrl", p.session().startUrl());
        }
        return Sha1.hex(PyJson.COMPACT.dumps(args));
    }

    public Path path(SsoProfile p) {
        return path(key(p));
    }

    /** The entry's file for a cache key. */
    public Path path(String key) {
        return dir.resolve(key + ".json");
    }

    /**
     * The AWS CLI reuses cached role credentials while more than this remains (15 minutes), in seconds: a
     * {@code java.time.Duration} would cost a hit its class and {@code BigInteger}, which its static fields make.
     */
    public static final long REUSE_WINDOW_SECONDS = 15 * 60;

    /** Cached credentials with more than {@link #REUSE_WINDOW_SECONDS} left at {@code now}. */
    public Optional<RoleCredentials> readFresh(SsoProfile p, Instant now) {
        return readFresh(key(p), now);
    }

    /**
     * The entry under {@code key} unless botocore would call it expired: {@code remaining < 15 min} is expired
     * (both the sso and the assume-role fetchers), so exactly 15:00 left is still fresh.
     */
    public Optional<RoleCredentials> readFresh(String key, Instant now) {
        Optional<RoleCredentials> c = read(key);
        return c.isPresent() && !c.get().expiration().isBefore(now.plusSeconds(REUSE_WINDOW_SECONDS)) ? c
                : Optional.empty();
    }

    public Path lockPath(SsoProfile p) {
        return lockPath(key(p));
    }

    public Path lockPath(String key) {
        return dir.resolve(key + ".lock");
    }

    public Optional<RoleCredentials> read(SsoProfile p) {
        return read(key(p));
    }

    /**
     * The cached credentials of either kind of entry ({@code "ProviderType": "sso"}, or an AssumeRole answer whose
     * account comes from {@code AssumedRoleUser.Arn} in older files); a damaged entry is reported on stderr and
     * treated as absent (it is only a cache).
     */
    public Optional<RoleCredentials> read(String key) {
        Path file = path(key);
        try {
            Optional<String> doubt = Provenance.doubt(file, display);
            if (doubt.isPresent()) {
                warnings.accept(display.apply(file) + " could have been written by another user (" + doubt.get()
                        + "); not using it, fetching new credentials (fix: chmod go-w " + display.apply(dir) + ")");
                return Optional.empty();
            }
            Optional<String> text = TextFiles.readText(file);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> json = Json.parseObject(text.get());
            if (json.get("Credentials") instanceof Map<?, ?> c) {
                Optional<Instant> exp = Timestamps.parse(str(c.get("Expiration")));
                if (str(c.get("AccessKeyId")) != null && str(c.get("SecretAccessKey")) != null && exp.isPresent()) {
                    String account = str(c.get("AccountId"));
                    if (account == null && json.get("AssumedRoleUser") instanceof Map<?, ?> user) {
                        account = accountOf(str(user.get("Arn")));
                    }
                    return Optional.of(new RoleCredentials(str(c.get("AccessKeyId")), str(c.get("SecretAccessKey")),
                            str(c.get("SessionToken")), exp.get(), account));
                }
            }
            warnings.accept(display.apply(file) + " is not a role-credential cache entry; fetching new credentials");
        } catch (IOException e) {
            warnings.accept(display.apply(file) + " is unreadable (" + e.getMessage() + "); fetching new credentials");
        }
        return Optional.empty();
    }

    /** The account field of an ARN ({@code arn:aws:sts::123456789012:assumed-role/R/s}), or null. */
    public static String accountOf(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") && !parts[4].isEmpty() ? parts[4] : null;
    }

    /** Removes the profile's cached role credentials; true if there were some. */
    public boolean delete(SsoProfile p) throws IOException {
        return Files.deleteIfExists(path(p));
    }

    public void write(SsoProfile p, RoleCredentials c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ProviderType", "sso");
        json.put("Credentials", credentialsJson(c, Timestamps.format(c.expiration())));
        writeEntry(key(p), json);
    }

    /**
     * An AssumeRole answer as botocore (1.43) stores it: the response's {@code Credentials} with the
     * {@code AccountId} botocore adds and the expiry as {@code ...Z}, then {@code AssumedRoleUser}; botocore's
     * {@code ResponseMetadata} (request id, HTTP headers) is nobody's business and left out. Older writers' {@code ...UTC}
     * expiries are read as well.
     */
    public void writeAssumed(String key, RoleCredentials c, String assumedRoleArn, String assumedRoleId) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("AssumedRoleId", assumedRoleId);
        user.put("Arn", assumedRoleArn);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Credentials", credentialsJson(c, Timestamps.format(c.expiration())));
        json.put("AssumedRoleUser", user);
        writeEntry(key, json);
    }

    private static Map<String, Object> credentialsJson(RoleCredentials c, String expiration) {
        Map<String, Object> creds = new LinkedHashMap<>();
        creds.put("AccessKeyId", c.accessKeyId());
        creds.put("SecretAccessKey", c.secretAccessKey());
        creds.put("SessionToken", c.sessionToken());
        creds.put("Expiration", expiration);
        if (c.accountId() != null) {
            creds.put("AccountId", c.accountId());
        }
        return creds;
    }

    private void writeEntry(String key, Map<String, Object> json) {
        Path file = dir.resolve(key + ".json");
        TextFiles.writeSecretJson(file, json, warnings, display.apply(file), display.apply(dir));
    }

    private static String str(Object o) {
        return o instanceof String s ? s : null;
    }
}
