package dev.ssocred.config;

import java.util.Optional;

/** A profile that names an Identity Center role: which session signs in, and which account and role to assume. */
public record SsoProfile(String name, SsoSession session, String accountId, String roleName, Optional<String> region,
                         ServiceEndpoints endpoints) {
}
