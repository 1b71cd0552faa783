package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.config.SsoProfile;
import dev.ssocred.config.SsoSession;
import dev.ssocred.io.FileLock;
import dev.ssocred.sso.SsoToken;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssocred logout}: ends one session (or all with {@code --all}) at the service and on disk: its token and
 * the role credentials cached for its profiles. Other sessions stay signed in, unlike {@code aws sso logout},
 * which ends every session at once (aws-cli #10258). The client registration stays, as the AWS CLI keeps it.
 */
@Command(name = "logout", mixinStandardHelpOptions = true,
        header = "Sign out of one session (or --all).",
        description = {"Sign out of one IAM Identity Center session: the portal's Logout, then",
                "its token and the role credentials cached for its profiles are deleted.",
                "Other sessions stay signed in; --all ends every session."})
final class LogoutCommand implements Callable<Integer> {
    private final Context ctx;

    @picocli.CommandLine.Mixin
    SessionOptions session;

    @Option(names = "--all", description = "Every session in the config.")
    boolean all;

    LogoutCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Map<SsoSession, List<String>> sessions = ctx.resolver().sessions(e -> ctx.warn(e.getMessage()));
        if (all) {
            if (session.given(ctx)) {
                throw new SsocredException(ExitCode.USAGE, "--all with --profile or --sso-session", "use one of them");
            }
            sessions.forEach(this::logout);
        } else {
            SessionChoice chosen = session.resolve(ctx);
            logout(chosen.session(), sessions.getOrDefault(chosen.session(), List.of()));
        }
        return 0;
    }

    private void logout(SsoSession session, List<String> profiles) {
        ServiceEndpoints endpoints = profiles.isEmpty() ? ctx.resolver().endpointsFor(Optional.empty())
                : ctx.resolver().endpoints(ctx.resolver().profile(profiles.get(0)));
        Optional<SsoToken> token = ctx.tokenCache().readTokenIfIntact(session);
        if (token.isPresent()) {
            try {
                ctx.portal(session.region(), endpoints).logout(token.get().accessToken());
            } catch (ServiceException e) {
                // An expired or revoked token is already signed out there; a network failure must not keep it here.
                if (e.kind() != ServiceException.Kind.UNAUTHORIZED) {
                    ctx.warn("could not sign " + session.label() + " out at IAM Identity Center (" + e.describe()
                            + "); removing it here anyway");
                }
            }
        }
        int roles = 0;
        try (FileLock lock = FileLock.acquire(ctx.tokenCache().lockPath(session), ctx.lockTimeout(), ctx.clock(),
                FileLock.describeSelf("ssocred logout of " + session.label()), holder -> { })) {
            ctx.tokenCache().deleteToken(session);
            for (String name : profiles) {
                roles += deleteRoleCache(name);
            }
        } catch (FileLock.TimeoutException | IOException e) {
            throw new SsocredException(ExitCode.CONFIG, "cannot remove the cached token of " + session.label() + ": "
                    + e.getMessage(), "check the permissions of ~/.aws/sso/cache");
        }
        ctx.err().println((token.isPresent() ? "Signed out of " : "Not signed in to ") + session.label()
                + (roles > 0 ? "; removed the cached role credentials of " + roles + " profile(s)" : "") + ".");
    }

    private int deleteRoleCache(String profileName) throws IOException {
        SsoProfile p;
        try {
            p = ctx.resolver().forCredentials(profileName);
        } catch (SsocredException e) {
            return 0; // a login-only profile (no account or role) has no role credentials
        }
        return ctx.roleCache().delete(p) ? 1 : 0;
    }
}
