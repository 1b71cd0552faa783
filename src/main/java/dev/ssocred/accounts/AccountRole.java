package dev.ssocred.accounts;

import java.util.Comparator;
import java.util.Locale;

/** One role in one account that the person can use. */
public record AccountRole(String accountId, String accountName, String roleName) {
    /** By account name (case-insensitive), then account id, then role: how people scan a long list. */
    public static final Comparator<AccountRole> ORDER = Comparator
            .comparing((AccountRole r) -> r.accountName() == null ? "" : r.accountName().toLowerCase(Locale.ROOT))
            .thenComparing(AccountRole::accountId).thenComparing(AccountRole::roleName);
}
