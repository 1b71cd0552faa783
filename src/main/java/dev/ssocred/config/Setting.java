package dev.ssocred.config;

/**
 * A configured value and where it was written ({@code ~/.aws/config:12}), for messages that point at the fix.
 * {@code alias} marks a value read from a hyphenated key ({@code sso-region}) that the AWS CLI ignores: it fills a
 * gap but never overrides, nor is compared with, a value under the real name.
 */
public record Setting(String value, String location, boolean alias) {
    public Setting(String value, String location) {
        this(value, location, false);
    }

    /** Values may be secrets (the credentials file is merged in): only where it was written. */
    @Override
    public String toString() {
        return "Setting[" + location + "]";
    }
}
