package dev.ssocred.testing;

import dev.ssocred.emulator.IdentityCenterEmulator;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What most process-level tests start from: a throwaway HOME and a local Identity Center emulator, started before
 * each test (before the subclass's own set-up, which configures both) and stopped after it.
 */
public abstract class EmulatedHome {
    @TempDir
    protected Path home;
    protected IdentityCenterEmulator emu;

    @BeforeEach
    void startEmulator() throws IOException {
        emu = IdentityCenterEmulator.start();
    }

    @AfterEach
    void stopEmulator() {
        emu.close();
    }
}
