package dev.ssocred.config;

/** A configured value and where it was written ({@code ~/.aws/config:12}), for messages that point at the fix. */
public record Setting(String value, String location) {
    /** Values may be secrets (the credentials file is merged in): only where it was written. */
    @Override
    public String toString() {
        return "Setting[" + location + "]";
    }
}
