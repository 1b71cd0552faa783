package dev.ssocred.config;

/** A configured value and where it was written ({@code ~/.aws/config:12}), for messages that point at the fix. */
public record Setting(String value, String location) {
}
