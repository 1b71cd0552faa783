package dev.ssocred.accounts;

import java.util.Locale;

/**
 * Readable, stable profile names for generated profiles: a format with {@code {account_name}}, {@code {account_id}},
 * {@code {role_name}} and {@code {session}}, then lower case, and every run of characters other than letters,
 * digits, '.', '_' and '-' made one '-', so the name needs no quoting in a shell or in a config header.
 */
public final class ProfileNames {
    public static final String DEFAULT_FORMAT = "{account_name}.{role_name}";

    private ProfileNames() {
    }

    public static String name(String format, AccountRole r, String session) {
        String raw = format.replace("{account_name}", r.accountName() == null ? r.accountId() : r.accountName())
                .replace("{account_id}", r.accountId()).replace("{role_name}", r.roleName())
                .replace("{session}", session);
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("-*\\.-*", ".")
                .replaceAll("^[-.]+|[-.]+$", "");
        return name.isEmpty() ? r.accountId() + "." + r.roleName().toLowerCase(Locale.ROOT) : name;
    }
}
