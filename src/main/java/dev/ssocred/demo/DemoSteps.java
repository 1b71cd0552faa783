package dev.ssocred.demo;

import dev.ssocred.aws.SdkClients;
import dev.ssocred.aws.SdkSts;
import dev.ssocred.config.Environment;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.emulator.IdentityCenterEmulator;
import dev.ssocred.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The demo's steps, each shown as the command a user would type, its output, and a check. */
final class DemoSteps {
    private static final String CONFIG = String.join("\n",
            "[sso-session demo]",
            "sso_start_url = https://d-1234567890.awsapps.com/start",
            "sso_region = us-east-1",
            "sso_registration_scopes = sso:account:access",
            "",
            "[profile demo-readonly]",
            "sso_session = demo",
            "sso_account_id = 111122223333",
            "sso_role_name = ReadOnly",
            "region = eu-west-1",
            "",
            "[profile demo-admin]",
            "sso_session = demo",
            "sso_account_id = 111122223333",
            "sso_role_name = Admin",
            "") + "\n";

    static final class StepFailed extends Exception {
        StepFailed(String message) {
            super(message);
        }
    }

    private final DemoCommand demo;
    private final IdentityCenterEmulator emu;
    private final Environment env;
    private final Path home;
    private int step;

    DemoSteps(DemoCommand demo, IdentityCenterEmulator emu, Environment env, Path home) {
        this.demo = demo;
        this.emu = emu;
        this.env = env;
        this.home = home;
    }

    void run() throws Exception {
        Path config = home.resolve(".aws/config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, CONFIG);
        title("A realistic ~/.aws/config: one sso-session, two profiles");
        show(CONFIG);

        String[] login = command("login", "--profile", "demo-readonly");
        check(login[1].contains("Logged in to") && emu.calls("CreateToken:authorization_code") == 1,
                "login did not sign in through the browser flow");
        Path tokenFile = single(home.resolve(".aws/sso/cache"), ".json", "token");
        title("The token, cached where the AWS CLI and SDKs look (" + home.relativize(tokenFile) + ")");
        show(Redact.text(Files.readString(tokenFile)) + "\n");

        String[] process = command("process", "--profile", "demo-readonly");
        Map<String, Object> json = Json.parseObject(process[0]);
        check(Integer.valueOf(1).equals(((Long) json.get("Version")).intValue()), "process output has no Version 1");

        String[] exports = command("env", "demo-readonly");
        Map<String, String> vars = parseExports(exports[0]);
        title("Those variables sign a real STS call: GetCallerIdentity, verified by the emulator");
        RoleCredentials creds = new RoleCredentials(vars.get("AWS_ACCESS_KEY_ID"), vars.get("AWS_SECRET_ACCESS_KEY"),
                vars.get("AWS_SESSION_TOKEN"), Instant.now(), null);
        String arn = SdkSts.callerArn(SdkClients.defaults(), creds, vars.get("AWS_REGION"), Optional.of(emu.baseUrl()));
        show("  caller: " + arn + "\n");
        check(arn.contains(":111122223333:") && emu.calls("STS:rejected") == 0, "STS did not accept the credentials");

        command("write", "demo-readonly");
        Path credentials = home.resolve(".aws/credentials");
        title("~/.aws/credentials now holds [demo-readonly], mode "
                + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
        show(Redact.text(Files.readString(credentials)));

        title("The access token expires (rewritten as expired), and the role-credential cache is cleared");
        String text = Files.readString(tokenFile, StandardCharsets.UTF_8);
        Files.writeString(tokenFile, text.replaceAll("\"expiresAt\": \"[^\"]+\"", "\"expiresAt\": \"2020-01-01T00:00:00Z\""));
        try (Stream<Path> s = Files.list(home.resolve(".aws/cli/cache"))) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        int before = emu.calls("CreateToken:refresh_token");
        command("process", "--profile", "demo-readonly");
        check(emu.calls("CreateToken:refresh_token") == before + 1, "the token was not refreshed");
        String refreshed = Json.parseObject(Files.readString(tokenFile)).get("expiresAt").toString();
        show("  refreshed silently with the refresh token; the token now expires at " + refreshed + "\n");

        int logins = emu.calls("Authorize") + emu.calls("StartDeviceAuthorization");
        command("process", "--profile", "demo-admin");
        check(emu.calls("Authorize") + emu.calls("StartDeviceAuthorization") == logins,
                "the second profile needed another login");
        show("  the second profile of the same sso-session needed no login\n");
    }

    private String[] command(String... args) throws StepFailed {
        title("$ ssocred " + String.join(" ", args));
        String[] r = demo.ssocred(env, args);
        if (!r[0].isEmpty()) {
            show(indent("stdout", Redact.text(r[0])));
        }
        if (!r[1].isEmpty()) {
            show(indent("stderr", Redact.text(r[1])));
        }
        check(r[2].equals("0"), "'ssocred " + String.join(" ", args) + "' exited with " + r[2]);
        return r;
    }

    private void title(String t) {
        demo.say("");
        demo.say("[" + (++step) + "] " + t);
    }

    private void show(String text) {
        demo.say(text.stripTrailing());
    }

    private static String indent(String label, String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                sb.append("  ").append(label).append(" | ").append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static void check(boolean ok, String what) throws StepFailed {
        if (!ok) {
            throw new StepFailed(what);
        }
    }

    private static Map<String, String> parseExports(String text) throws StepFailed {
        Map<String, String> vars = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("export ")) {
                String[] kv = line.substring(7).split("=", 2);
                vars.put(kv[0], kv[1].substring(1, kv[1].length() - 1).replace("'\\''", "'"));
            }
        }
        check(vars.containsKey("AWS_ACCESS_KEY_ID") && vars.containsKey("AWS_SESSION_TOKEN"), "env printed no credentials");
        return vars;
    }

    private static Path single(Path dir, String suffix, String what) throws IOException, StepFailed {
        try (Stream<Path> s = Files.list(dir)) {
            var tokens = s.filter(p -> p.toString().endsWith(suffix)).filter(p -> {
                try {
                    return Files.readString(p).contains("accessToken");
                } catch (IOException e) {
                    return false;
                }
            }).toList();
            check(tokens.size() == 1, "expected one " + what + " file in " + dir);
            return tokens.get(0);
        }
    }
}
