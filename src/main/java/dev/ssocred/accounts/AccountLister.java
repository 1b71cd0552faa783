package dev.ssocred.accounts;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import dev.ssocred.creds.PortalApi;
import dev.ssocred.sso.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every account and role a session can reach: all pages of ListAccounts and, per account, of ListAccountRoles.
 * Throttling is normal for an organisation with hundreds of accounts (one call per account): each call backs off
 * and retries, doubling from half a second up to 8 s, a bounded number of times, so the listing completes where
 * tools that give up at the first 429 stop at about 150 accounts.
 */
public final class AccountLister {
    static final int ATTEMPTS = 8;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    /** What IAM accepts: a 12-digit account id, and role names of word characters and +=,.@- (at most 64). */
    static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("[0-9]{12}");
    static final java.util.regex.Pattern ROLE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_+=,.@-]{1,64}");

    private final PortalApi portal;
    private final Sleeper sleeper;
    private final java.util.function.Consumer<String> warnings;

    public AccountLister(PortalApi portal, Sleeper sleeper, java.util.function.Consumer<String> warnings) {
        this.portal = portal;
        this.sleeper = sleeper;
        this.warnings = warnings;
    }

    public List<AccountRole> list(String accessToken) {
        List<PortalApi.Account> accounts = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            PortalApi.Page<PortalApi.Account> page = retrying(() -> portal.listAccounts(accessToken, token));
            accounts.addAll(page.items());
            next = page.nextToken();
        } while (next != null);
        List<AccountRole> out = new ArrayList<>();
        for (PortalApi.Account a : accounts) {
            String roleNext = null;
            do {
                String token = roleNext;
                PortalApi.Page<String> page = retrying(() -> portal.listAccountRoles(accessToken, a.accountId(), token));
                page.items().forEach(role -> add(out, a, role));
                roleNext = page.nextToken();
            } while (roleNext != null);
        }
        out.sort(AccountRole.ORDER);
        return out;
    }

    /**
     * Server text: an account id or role name IAM could not have issued is left out, with a warning. {@code populate}
     * writes them into ~/.aws/config, where a line break in a role name would add a key of its own choosing
     * (a credential_process that every AWS tool would run).
     */
    private void add(List<AccountRole> out, PortalApi.Account a, String role) {
        if (a.accountId() == null || !ACCOUNT_ID.matcher(a.accountId()).matches() || role == null
                || !ROLE_NAME.matcher(role).matches()) {
            warnings.accept("IAM Identity Center listed an account id or role name that IAM does not allow; left out");
            return;
        }
        out.add(new AccountRole(a.accountId(), a.accountName(), role));
    }

    private <T> T retrying(Supplier<T> call) {
        Duration wait = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ServiceException e) {
                if (e.kind() != ServiceException.Kind.THROTTLED || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SsocredException(ExitCode.TIMEOUT, "interrupted while listing accounts", "run it again");
            }
            wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
        }
    }
}
