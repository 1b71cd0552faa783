package dev.ssocred.creds;

/** Asks the person for the current code of an MFA device; {@code credential_process} gets one that refuses. */
@FunctionalInterface
public interface MfaPrompt {

    /** The code typed for {@code serial}, needed to assume the role of {@code profile}; throws when none can be asked. */
    String code(String profile, String serial);
}
