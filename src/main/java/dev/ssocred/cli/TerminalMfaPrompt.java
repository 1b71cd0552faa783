package dev.ssocred.cli;

import dev.ssocred.SsocredException;
import dev.ssocred.creds.MfaPrompt;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Asks for an MFA code on the controlling terminal ({@code /dev/tty}), as botocore's getpass does: stdout may be a
 * pipe into {@code eval} and stderr a log file, the terminal is still where the person is. Without one (cron, CI,
 * an SDK running credential_process) it says how to type the code once in a terminal instead.
 */
final class TerminalMfaPrompt implements MfaPrompt {
    static final String TTY = "/dev/tty";
    private final String refusal;

    /**
     * Never asks when {@code refusal} (why not, for the error) is not null: credential_process and the credentials
     * endpoint, whose callers have no way to answer.
     */
    TerminalMfaPrompt(String refusal) {
        this.refusal = refusal;
    }

    @Override
    public String code(String profile, String serial) {
        if (refusal != null) {
            throw needsTerminal(profile, serial, refusal);
        }
        try (FileOutputStream out = new FileOutputStream(TTY); FileInputStream in = new FileInputStream(TTY)) {
            out.write(("Enter MFA code for " + Sanitize.line(serial) + ": ").getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\n' && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        } catch (IOException e) {
            throw needsTerminal(profile, serial, "there is no terminal to ask on");
        }
    }

    private static SsocredException needsTerminal(String profile, String serial, String why) {
        return SsocredException.loginNeeded("profile '" + profile + "' needs a code from MFA device " + serial + ", and "
                + why, "type it once in a terminal: 'ssocred env " + CredentialVerb.shellWord(profile)
                + " > /dev/null'; the role's credentials are then cached and reused until 15 minutes before they expire");
    }
}
