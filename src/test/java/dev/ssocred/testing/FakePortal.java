package dev.ssocred.testing;

import dev.ssocred.ServiceException;
import dev.ssocred.creds.PortalApi;
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
}
