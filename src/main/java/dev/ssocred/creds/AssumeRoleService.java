package dev.ssocred.creds;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import dev.ssocred.config.CredentialSource;
import dev.ssocred.io.FileLock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Credentials for a role assumed with another source's credentials: from ~/.aws/cli/cache under botocore's
 * assume-role key while 15 minutes or more remain (so the AWS CLI and ssocred share one AssumeRole), else STS
 * AssumeRole signed with the source's credentials, cached for the next caller. Single-flight across processes, as
 * for Identity Center roles: the entry's lock is held while the source is resolved and the role assumed.
 */
public final class AssumeRoleService {
    private final RoleCredentialsCache cache;
    private final Supplier<StsApi> sts;
    private final MfaPrompt mfa;
    private final Clock clock;
    private final Duration lockTimeout;
    private final Consumer<String> warnings;

    public AssumeRoleService(RoleCredentialsCache cache, Supplier<StsApi> sts, MfaPrompt mfa, Clock clock,
                             Duration lockTimeout, Consumer<String> warnings) {
        this.cache = cache;
        this.sts = sts;
        this.mfa = mfa;
        this.clock = clock;
        this.lockTimeout = lockTimeout;
        this.warnings = warnings;
    }

    /** {@code sources} gives the credentials of the role's source (another link of the chain, or its end). */
    public RoleCredentials credentials(CredentialSource.AssumedRole role,
                                       Function<CredentialSource, RoleCredentials> sources) {
        String key = AssumeRoleKey.of(role);
        Optional<RoleCredentials> cached = cache.readFresh(key, clock.instant());
        if (cached.isPresent()) {
            return cached.get();
        }
        // Lock order: this role's entry, then its source's (entry, then session): always from the top of the chain.
        // While another process assumes the role, its entry is looked for at every poll (FileLock.acquireOrFind).
        FileLock.Waited<RoleCredentials> waited;
        try {
            waited = FileLock.acquireOrFind(cache.lockPath(key), lockTimeout, clock,
                    FileLock.describeSelf("ssocred assuming " + role.roleArn()), FileLock.QUIET,
                    () -> cache.readFresh(key, clock.instant()));
        } catch (FileLock.TimeoutException e) {
            throw new SsocredException(ExitCode.TIMEOUT, "timed out after " + lockTimeout.toSeconds() + " s waiting for "
                    + e.holder() + " to assume " + role.roleArn(), "retry; the lock frees itself when that process exits");
        } catch (IOException e) {
            warnings.accept("cannot lock " + cache.lockPath(key) + " (" + e.getMessage() + "); assuming the role without it");
            return assumeAndCache(role, key, sources);
        }
        if (waited.lock() == null) {
            return waited.found();
        }
        try (FileLock lock = waited.lock()) {
            cached = cache.readFresh(key, clock.instant());
            return cached.isPresent() ? cached.get() : assumeAndCache(role, key, sources);
        }
    }

    private RoleCredentials assumeAndCache(CredentialSource.AssumedRole role, String key,
                                           Function<CredentialSource, RoleCredentials> sources) {
        RoleCredentials source = sources.apply(role.source());
        Optional<String> code = role.mfaSerial().map(serial -> checkedCode(mfa.code(role.profile(), serial), serial));
        StsApi.AssumeRoleRequest request = new StsApi.AssumeRoleRequest(role.roleArn(),
                role.roleSessionName().orElseGet(this::generatedSessionName), role.externalId(), role.mfaSerial(), code,
                role.durationSeconds());
        StsApi.AssumedRole answer;
        try {
            answer = sts.get().assumeRole(source, request, role.stsRegion(), role.endpoints());
        } catch (ServiceException e) {
            throw explain(role, e);
        }
        try {
            cache.writeAssumed(key, answer.credentials(), answer.arn(), answer.assumedRoleId());
        } catch (SsocredException e) {
            warnings.accept(e.getMessage() + "; the credentials are not cached");
        }
        return answer.credentials();
    }

    /** Like botocore's {@code botocore-session-<epoch>}: unique enough, and left out of the cache key. */
    private String generatedSessionName() {
        return "ssocred-session-" + clock.instant().getEpochSecond();
    }

    /** STS takes six digits; anything else would only come back as a ValidationError naming TokenCode. */
    private static String checkedCode(String code, String serial) {
        String c = code == null ? "" : code.strip();
        if (!c.matches("[0-9]{6}")) {
            throw new SsocredException(ExitCode.USAGE, "an MFA code is six digits; that was not one (for " + serial + ")",
                    "run the command again and type the code your MFA device shows");
        }
        return c;
    }

    private static SsocredException explain(CredentialSource.AssumedRole role, ServiceException e) {
        String source = "source_profile '" + role.source().profile() + "'";
        String what = "STS refused to let " + source + " assume " + role.roleArn() + " for profile '" + role.profile()
                + "' (" + e.getMessage() + ")";
        return switch (e.kind()) {
            case ACCESS_DENIED -> SsocredException.config(what, "check role_arn"
                    + (role.externalId().isPresent() ? ", external_id" : "")
                    + (role.mfaSerial().isPresent() ? ", mfa_serial (and the code)" : "")
                    + " of profile '" + role.profile() + "' and that the role trusts " + source);
            case INVALID_REQUEST -> SsocredException.config(what, "check duration_seconds (a role assumed with "
                    + "another role's credentials, Identity Center ones included, allows at most 3600) and the other "
                    + "settings of profile '" + role.profile() + "'");
            case UNAUTHORIZED, EXPIRED_TOKEN -> SsocredException.config(what, "the credentials of " + source
                    + " are not valid any more; check them with 'ssocred whoami " + role.source().profile() + "'");
            default -> new SsocredException(ExitCode.AWS, "could not assume " + role.roleArn() + ": " + e.describe(),
                    e.kind().isTransient() ? "retry in a moment" : "run with --debug for details", e);
        };
    }
}
