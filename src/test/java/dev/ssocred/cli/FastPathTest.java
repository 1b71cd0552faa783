package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ssocred.config.SsoSession;
import dev.ssocred.testing.CliHarness;
import dev.ssocred.testing.Files2;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The front door that answers process and env without picocli must behave exactly like the picocli commands: the
 * same stdout, stderr and exit code for every argument form it accepts, and it must hand everything else over.
 */
class FastPathTest {
    static final String START = CliHarness.START;
    static final SsoSession CORP = CliHarness.CORP;
    @TempDir
    Path home;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(home).devAndOther();
        cli.env.put("AWS_PROFILE", "dev");
    }

    private void loggedIn() {
        cli.loggedIn(Duration.ofHours(8), "at");
    }

    /** Runs the front door, then picocli on a fresh role cache, and demands identical results. */
    private void sameAsPicocli(String... args) {
        CliHarness.Result fast = cli.runFastPath(args);
        assertNotNull(fast, "the front door should answer " + String.join(" ", args));
        Files2.deleteTree(cli.aws("cli"));
        cli.portal.tokensSeen.clear();
        CliHarness.Result picocli = cli.run(args);
        assertEquals(picocli.toString(), fast.toString().replaceAll("ASIA\\d+", "ASIA1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"process", "process --profile dev", "process --profile=dev", "process dev",
            "credential-process dev", "process --profile other", "env", "env dev", "env --profile dev --format fish",
            "env --format=json dev", "env dev --format cmd", "env --format dotenv", "process dev --profile dev"})
    void answersLikePicocliOnAMiss(String args) {
        loggedIn();
        sameAsPicocli(args.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"process", "env --format powershell", "process other"})
    void answersLikePicocliOnAHit(String args) {
        loggedIn();
        assertEquals(0, cli.run(args.split(" ")).code()); // fills the cache
        int calls = cli.portal.tokensSeen.size();
        CliHarness.Result fast = cli.runFastPath(args.split(" "));
        assertEquals(cli.run(args.split(" ")).toString(), fast.toString());
        assertEquals(calls, cli.portal.tokensSeen.size(), "a hit makes no call");
    }

    @Test
    void aMissUsesTheConfigTheFrontDoorReadInsteadOfParsingItAgain() throws Exception {
        loggedIn();
        // Gone by the time the miss makes its Context: only the front door's reading of it can answer.
        CliHarness.Result r = cli.runFastPath(() -> Files2.deleteTree(cli.aws("config")), "process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("\"AccessKeyId\""), r.toString());
        assertEquals(1, cli.portal.tokensSeen.size());
    }

    @Test
    void aChainedProfileIsAnsweredFromTheAssumeRoleEntryAndKeysFromTheFileAlone() {
        loggedIn();
        cli.config("[profile dev]", "sso_session = corp", "sso_account_id = 111122223333", "sso_role_name = ReadOnly",
                "[profile prod]", "role_arn = arn:aws:iam::444455556666:role/Deploy", "source_profile = dev",
                "region = eu-west-1", "[profile keys]", "aws_access_key_id = AKIAKEYS", "aws_secret_access_key = k-secret",
                "[sso-session corp]", "sso_start_url = " + START, "sso_region = us-east-1");
        assertEquals(0, cli.run("env", "prod").code());
        assertEquals(1, cli.sts.calls.size());
        CliHarness.Result fast = cli.runFastPath("env", "prod");
        assertEquals(cli.run("env", "prod").toString(), fast.toString());
        assertEquals(1, cli.sts.calls.size(), "a hit makes no call");
        assertEquals("{\n  \"Version\": 1,\n  \"AccessKeyId\": \"AKIAKEYS\",\n  \"SecretAccessKey\": \"k-secret\"\n}\n",
                cli.runFastPath("process", "keys").out(), "no SessionToken and no Expiration, as export-credentials");
        assertEquals(cli.run("env", "keys").toString(), cli.runFastPath("env", "keys").toString());
    }

    @Test
    void errorsLookTheSame() {
        sameAsPicocli("process"); // not logged in: exit 3
        Files2.write(cli.aws("config"), "[profile dev]\nnonsense\n");
        sameAsPicocli("env", "dev"); // config error: exit 4
    }

    @ParameterizedTest
    @ValueSource(strings = {"--debug --help", "process --help x", "--debug process", "process --debug", "env --format",
            "process a b", "process --profile a b", "login --bogus", "login a b", "write dev", "env --bogus", "env --format tcsh"})
    void handsEverythingElseToPicocli(String args) {
        assertNull(cli.runFastPath(args.split(" ")));
    }

    @Test
    void aCallerThatFindsTheEntryBeingFetchedWaitsAtTheFrontDoorAndAnswersFromIt() throws Exception {
        loggedIn();
        assertEquals(0, cli.run("process", "--profile", "dev").code()); // an entry to write again below
        int calls = cli.portal.tokensSeen.size();
        Path entry;
        try (var files = java.nio.file.Files.list(cli.aws("cli/cache"))) {
            entry = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        byte[] written = java.nio.file.Files.readAllBytes(entry);
        java.nio.file.Files.delete(entry);
        Path lock = entry.resolveSibling(entry.getFileName().toString().replace(".json", ".lock"));
        // Another process is fetching (another channel's lock stands for it): it writes the entry whole, by a
        // rename, 150 ms from now, and keeps the lock until this caller has answered.
        try (var other = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var held = other.lock()) {
            var writer = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(150);
                    Path tmp = entry.resolveSibling("entry.tmp");
                    java.nio.file.Files.write(tmp, written);
                    java.nio.file.Files.move(tmp, entry, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CliHarness.Result r = cli.runFastPath(() -> {
                throw new AssertionError("the waiter made a Context instead of waiting at the front door");
            }, "process", "--profile", "dev");
            writer.get();
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("\"AccessKeyId\""), r.toString());
            assertTrue(held.isValid(), "answered while the holder still held the lock");
        }
        assertEquals(calls, cli.portal.tokensSeen.size(), "no call of its own");
    }
}
