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

    private final PortalApi portal;
    private final Sleeper sleeper;

    public AccountLister(PortalApi portal, Sleeper sleeper) {
        this.portal = portal;
        this.sleeper = sleeper;
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
                page.items().forEach(role -> out.add(new AccountRole(a.accountId(), a.accountName(), role)));
                roleNext = page.nextToken();
            } while (roleNext != null);
        }
        out.sort(AccountRole.ORDER);
        return out;
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
