package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** serve's log quotes a service's error message: untrusted text on a terminal. */
class ServeLogTest {
    @Test
    void aQuotedMessageLosesItsControlCharactersAndTheSecretsWeHold() {
        String secret = "tok-" + java.util.UUID.randomUUID();
        dev.ssocred.io.Secrets.hold(secret);
        StringWriter text = new StringWriter();
        ServeCommand.log(new PrintWriter(text, true)).accept("no credentials: \u001b[2J" + secret + "\u0007 done");
        assertEquals("ssocred serve: no credentials: ?[2J***? done" + System.lineSeparator(), text.toString());
    }
}
