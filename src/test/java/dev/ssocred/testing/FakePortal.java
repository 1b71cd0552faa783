package dev.ssocred.testing;

import dev.ssocred.ServiceException;
import dev.ssocred.creds.PortalApi;
import dev.ssocred.creds.PortalApi.Account;
import dev.ssocred.creds.PortalApi.Page;
import dev.ssocred.creds.RoleCredentials;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Fake GetRoleCredentials: records the tokens it was called with; fails with {@code failWith} when set. */
public final class FakePortal implements PortalApi {
    public final List<String> tokensSeen = new ArrayList<>();
    public Instant expiration = Instant.parse("2030-01-01T00:00:00Z");
    public ServiceException.Kind failWith;

    public PortalApi.Factory factory() {
        return (region, endpoints) -> this;
    }

    @Override
    public RoleCredentials getRoleCredentials(String accessToken, String accountId, String roleName) {
        tokensSeen.add(accessToken);
        if (failWith != null) {
            throw new ServiceException(failWith, "GetRoleCredentials", "http://fake", failWith.name(), null);
        }
        return new RoleCredentials("ASIA" + tokensSeen.size(), "secret/" + roleName, "session+" + accountId, expiration,
                accountId);
    }

    /** Accounts and their roles for the list operations, paged {@code pageSize} at a time. */
    public final java.util.Map<Account, List<String>> assignments = new java.util.LinkedHashMap<>();
    public int pageSize = 2;
    /** The next this many list calls answer TooManyRequestsException. */
    public int throttleNext;
    public final List<String> loggedOut = new ArrayList<>();
    public ServiceException.Kind logoutFailsWith;

    @Override
    public Page<Account> listAccounts(String accessToken, String nextToken) {
        throttle("ListAccounts");
        return page(new ArrayList<>(assignments.keySet()), nextToken);
    }

    @Override
    public Page<String> listAccountRoles(String accessToken, String accountId, String nextToken) {
        throttle("ListAccountRoles");
        return page(assignments.entrySet().stream().filter(e -> e.getKey().accountId().equals(accountId)).findFirst()
                .map(java.util.Map.Entry::getValue).orElse(List.of()), nextToken);
    }

    @Override
    public void logout(String accessToken) {
        if (logoutFailsWith != null) {
            throw new ServiceException(logoutFailsWith, "Logout", "http://fake", logoutFailsWith.name(), null);
        }
        loggedOut.add(accessToken);
    }

    private void throttle(String op) {
        if (throttleNext > 0) {
            throttleNext--;
            throw new ServiceException(ServiceException.Kind.THROTTLED, op, "http://fake", "TooManyRequestsException", null);
        }
    }

    private <T> Page<T> page(List<T> all, String nextToken) {
        int from = nextToken == null ? 0 : Integer.parseInt(nextToken);
        int to = Math.min(all.size(), from + pageSize);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }
}
