package dev.ssocred.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ServiceException;
import dev.ssocred.creds.PortalApi.Account;
import dev.ssocred.testing.FakePortal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountsTest {
    final FakePortal portal = new FakePortal();
    final List<Duration> sleeps = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    private List<AccountRole> list() {
        return new AccountLister(portal, sleeps::add, warnings::add).list("token");
    }

    @Test
    void anAccountOrRoleIamCouldNotHaveIssuedIsLeftOutSoItCanNeverReachTheConfigFile() {
        portal.assignments.put(new Account("111122223333", "ok", "x"),
                List.of("ReadOnly", "Admin\ncredential_process = touch /tmp/owned", "a b"));
        portal.assignments.put(new Account("1111\n[profile x]", "bad", "x"), List.of("ReadOnly"));
        assertEquals(List.of(new AccountRole("111122223333", "ok", "ReadOnly")), list());
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().noneMatch(w -> w.contains("credential_process")), "server text is not echoed");
    }

    @Test
    void everyPageOfAccountsAndRolesSortedByNameThenRole() {
        portal.assignments.put(new Account("333333333333", "zeta", "z@x"), List.of("ReadOnly"));
        portal.assignments.put(new Account("111111111111", "Alpha", "a@x"), List.of("ReadOnly", "Admin", "Billing"));
        portal.assignments.put(new Account("222222222222", "beta", "b@x"), List.of("Dev"));
        assertEquals(List.of(new AccountRole("111111111111", "Alpha", "Admin"),
                new AccountRole("111111111111", "Alpha", "Billing"), new AccountRole("111111111111", "Alpha", "ReadOnly"),
                new AccountRole("222222222222", "beta", "Dev"), new AccountRole("333333333333", "zeta", "ReadOnly")), list());
    }

    @Test
    void throttlingBacksOffDoublingAndTheListingCompletes() {
        for (int i = 0; i < 300; i++) {
            portal.assignments.put(new Account(String.format("%012d", i), "acct-" + i, "x"), List.of("ReadOnly"));
        }
        portal.throttleNext = 5;
        assertEquals(300, list().size());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8)), sleeps);
    }

    @Test
    void throttlingThatNeverEndsGivesUpAfterABoundedNumberOfTries() {
        portal.assignments.put(new Account("111111111111", "a", "x"), List.of("R"));
        portal.throttleNext = 100;
        var e = assertThrows(ServiceException.class, this::list);
        assertEquals(ServiceException.Kind.THROTTLED, e.kind());
        assertEquals(AccountLister.ATTEMPTS - 1, sleeps.size());
    }

    @Test
    void namesAreReadableAndSafe() {
        AccountRole r = new AccountRole("111122223333", "Prod – EU (main)", "AWSAdministratorAccess");
        assertEquals("prod-eu-main.awsadministratoraccess", ProfileNames.name(ProfileNames.DEFAULT_FORMAT, r, "corp"));
        assertEquals("corp-111122223333-awsadministratoraccess",
                ProfileNames.name("{session}-{account_id}-{role_name}", r, "corp"));
    }

    static final String CONFIG = "# mine\r\n[profile dev]\r\nregion = x\r\n\r\n[profile acct-a.readonly]\r\nregion = y\r\n";

    @Test
    void populateWritesOnlyItsBlockAndSkipsNamesTakenOutsideIt() {
        List<AccountRole> roles = List.of(new AccountRole("1", "acct-a", "ReadOnly"), new AccountRole("2", "acct-b", "Admin"));
        var plan = PopulateBlock.apply(CONFIG, "config", "corp", roles, ProfileNames.DEFAULT_FORMAT, Optional.of("eu-west-1"),
                false);
        assertTrue(plan.text().startsWith(CONFIG), "everything before stays byte for byte");
        assertTrue(plan.text().contains("\r\n[profile acct-b.admin]\r\nsso_session = corp\r\nsso_account_id = 2\r\n"
                + "sso_role_name = Admin\r\nregion = eu-west-1\r\n"), plan.text());
        assertEquals(List.of("acct-b.admin"), plan.added());
        assertTrue(plan.skipped().get(0).startsWith("acct-a.readonly"), plan.skipped().toString());
        var again = PopulateBlock.apply(plan.text(), "config", "corp", roles, ProfileNames.DEFAULT_FORMAT,
                Optional.of("eu-west-1"), false);
        assertEquals(plan.text(), again.text(), "a second run changes nothing");
    }

    @Test
    void goneAssignmentsStayUntilPruneAndTheTextAroundTheBlockStays() {
        String after = "\n[profile later]\nregion = z\n";
        List<AccountRole> both = List.of(new AccountRole("1", "a", "R"), new AccountRole("2", "b", "R"));
        String first = PopulateBlock.apply("", "config", "corp", both, ProfileNames.DEFAULT_FORMAT, Optional.empty(),
                false).text() + after;
        List<AccountRole> one = List.of(new AccountRole("1", "a", "R"));
        var kept = PopulateBlock.apply(first, "config", "corp", one, ProfileNames.DEFAULT_FORMAT, Optional.empty(), false);
        assertTrue(kept.text().contains("[profile b.r]"), kept.text());
        var pruned = PopulateBlock.apply(first, "config", "corp", one, ProfileNames.DEFAULT_FORMAT, Optional.empty(), true);
        assertTrue(!pruned.text().contains("[profile b.r]") && pruned.text().endsWith(after), pruned.text());
        assertEquals(List.of("b.r"), pruned.removed());
    }
}
