package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalRuleTest {

  private static final Map<String, Set<String>> TEAMS =
      Map.of("acme/release", Set.of("carol"), "acme/sre", Set.of("dave"));

  private final List<String> asked = new ArrayList<>();

  private final TeamMembership teams =
      (team, login) -> {
        asked.add(team.org() + "/" + team.slug() + ":" + login);
        return TEAMS.getOrDefault(team.org() + "/" + team.slug(), Set.of()).contains(login);
      };

  private static List<DeployRecord> deployOf(DeployRecord.Commit... commits) {
    return List.of(
        new DeployRecord(
            new DeployRecord.Change("a".repeat(40), "s", "acme/app", List.of(commits)),
            new DeployRecord.Build("7", "deploy-qa", "myapp", null),
            "Production",
            null,
            null));
  }

  private static final List<DeployRecord> BY_ERIN =
      deployOf(new DeployRecord.Commit("b".repeat(40), "fix", "erin", "web-flow"));

  @Test
  void withoutApproversEveryCloseIsAGoAhead() {
    ApprovalRule rule = ApprovalRule.of(List.of(), false);
    assertThat(rule.restricts()).isFalse();
    assertThat(rule.decide(null, teams, List.of()).allowed()).isTrue();
    assertThat(asked).isEmpty();
  }

  @Test
  void aListedLoginMayPromoteWhateverItsCase() {
    ApprovalRule rule = ApprovalRule.of(List.of("Alice", "@acme/release"), false);
    assertThat(rule.decide("alice", teams, BY_ERIN).allowed()).isTrue();
    assertThat(rule.decide("ALICE", teams, BY_ERIN).allowed()).isTrue();
    assertThat(asked).as("a listed login needs no team lookup").isEmpty();
  }

  @Test
  void anActiveTeamMemberMayPromote() {
    ApprovalRule rule = ApprovalRule.of(List.of("alice", "acme/release", "acme/sre"), false);
    assertThat(rule.decide("dave", teams, BY_ERIN).allowed()).isTrue();
    assertThat(asked).containsExactly("acme/release:dave", "acme/sre:dave");
  }

  @Test
  void anOutsiderIsRefusedWithWhoMay() {
    ApprovalRule rule = ApprovalRule.of(List.of("alice", "@acme/release"), false);
    ApprovalDecision decision = rule.decide("bob", teams, BY_ERIN);
    assertThat(decision.allowed()).isFalse();
    assertThat(((ApprovalDecision.Refused) decision).closedBy()).isEqualTo("bob");
    assertThat(((ApprovalDecision.Refused) decision).reason())
        .isEqualTo(
            "closed by bob, who may not promote to Production (approvers: alice, @acme/release)");
  }

  @Test
  void anUnknownCloserIsRefused() {
    ApprovalRule rule = ApprovalRule.of(List.of("alice"), false);
    ApprovalDecision decision = rule.decide(null, teams, List.of());
    assertThat(decision.allowed()).isFalse();
    assertThat(((ApprovalDecision.Refused) decision).reason())
        .startsWith("closed by an unknown user")
        .endsWith("(approvers: alice)");
  }

  @Test
  void aTeamLookupFailureReachesTheCaller() {
    ApprovalRule rule = ApprovalRule.of(List.of("acme/release"), false);
    TeamMembership unreadable =
        (team, login) -> {
          throw new IllegalStateException("403 on " + team);
        };
    assertThatThrownBy(() -> rule.decide("carol", unreadable, BY_ERIN))
        .hasMessage("403 on @acme/release");
  }

  @Test
  void selfApprovalIsRefusedForAuthorsAndCommitters() {
    ApprovalRule rule = ApprovalRule.of(List.of("erin", "web-flow", "alice"), true);
    ApprovalDecision byAuthor = rule.decide("Erin", teams, BY_ERIN);
    assertThat(byAuthor.allowed()).isFalse();
    assertThat(((ApprovalDecision.Refused) byAuthor).reason())
        .isEqualTo(
            "closed by Erin, who may not promote to Production a change they wrote or committed"
                + " (bbbbbbb) (forbid_self_approval)");
    assertThat(rule.decide("web-flow", teams, BY_ERIN).allowed()).isFalse();
    assertThat(rule.decide("alice", teams, BY_ERIN).allowed()).isTrue();
  }

  @Test
  void selfApprovalLooksAtEveryRecordOfTheGate() {
    ApprovalRule rule = new ApprovalRule(List.of(), true);
    List<DeployRecord> two = new ArrayList<>(BY_ERIN);
    two.addAll(deployOf(new DeployRecord.Commit("c".repeat(40), "more", "frank", "frank")));
    assertThat(rule.decide("frank", teams, two).allowed()).isFalse();
    assertThat(rule.decide("erin", teams, two).allowed()).isFalse();
    assertThat(rule.decide("alice", teams, two).allowed()).isTrue();
  }

  @Test
  void selfApprovalRefusesWhenTheRecordsCannotTellWhoWrote() {
    ApprovalRule rule = new ApprovalRule(List.of(), true);
    assertThat(rule.decide("alice", teams, List.of()).allowed()).isFalse();
    assertThat(rule.decide("alice", teams, deployOf()).allowed()).isFalse();
    ApprovalDecision noAuthor =
        rule.decide(
            "alice", teams, deployOf(new DeployRecord.Commit("d".repeat(40), "x", null, "bob")));
    assertThat(noAuthor.allowed()).isFalse();
    assertThat(((ApprovalDecision.Refused) noAuthor).reason())
        .contains("do not name who wrote and committed every change");
  }

  @Test
  void entriesAreLoginsOrTeams() {
    assertThat(Approver.parse("alice")).isEqualTo(new Approver.Login("alice"));
    assertThat(Approver.parse("@acme/release")).isEqualTo(new Approver.Team("acme", "release"));
    assertThat(Approver.parse(" acme/release ")).isEqualTo(new Approver.Team("acme", "release"));
    for (String bad : List.of("", "a/b/c", "-alice", "al ice", "acme/", "/release")) {
      assertThatThrownBy(() -> Approver.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("neither a GitHub login");
    }
  }

  private static final RepositoryAccess NO_ONE =
      login -> {
        throw new AssertionError("asked for " + login);
      };

  @Test
  void withApproversTheCloserOrAnApproverMayDirectAPromotion() {
    ApprovalRule rule = ApprovalRule.of(List.of("alice", "acme/release"), false);
    assertThat(rule.mayDirect("ALICE", null, "NONE", teams, NO_ONE)).isTrue();
    assertThat(rule.mayDirect("carol", null, null, teams, NO_ONE)).isTrue();
    assertThat(rule.mayDirect("bob", null, "OWNER", teams, NO_ONE)).isFalse();
    assertThat(rule.mayDirect("bob", "Bob", "NONE", teams, NO_ONE)).isTrue();
    assertThat(rule.mayDirect(null, "bob", "OWNER", teams, NO_ONE)).isFalse();
  }

  @Test
  void withoutApproversTheCloserOrSomeoneWhoMayCloseMayDirectAPromotion() {
    Map<String, Permission> permissions =
        Map.of("t", Permission.TRIAGE, "r", Permission.READ, "w", Permission.WRITE);
    List<String> lookups = new ArrayList<>();
    RepositoryAccess access =
        login -> {
          lookups.add(login);
          return permissions.getOrDefault(login, Permission.NONE);
        };
    for (ApprovalRule rule : List.of(ApprovalRule.ANYONE, ApprovalRule.of(List.of(), true))) {
      assertThat(rule.mayDirect("alice", "alice", "NONE", teams, NO_ONE)).isTrue();
      assertThat(rule.mayDirect("o", "alice", "OWNER", teams, NO_ONE)).isTrue();
      assertThat(rule.mayDirect("m", "alice", "member", teams, NO_ONE)).isTrue();
      assertThat(rule.mayDirect("c", "alice", "COLLABORATOR", teams, NO_ONE)).isTrue();
      assertThat(rule.mayDirect("t", "alice", "NONE", teams, access)).isTrue();
      assertThat(rule.mayDirect("w", "alice", "CONTRIBUTOR", teams, access)).isTrue();
      assertThat(rule.mayDirect("r", "alice", "NONE", teams, access)).isFalse();
      assertThat(rule.mayDirect("mallory", "alice", "NONE", teams, access)).isFalse();
      assertThat(rule.mayDirect("mallory", null, null, teams, access)).isFalse();
    }
    assertThat(lookups)
        .containsExactly("t", "w", "r", "mallory", "mallory", "t", "w", "r", "mallory", "mallory");
    assertThat(asked).isEmpty();
  }

  @Test
  void aMemoizedAccessAsksOncePerPerson() {
    List<String> lookups = new ArrayList<>();
    RepositoryAccess access =
        RepositoryAccess.memoized(
            login -> {
              lookups.add(login);
              return Permission.TRIAGE;
            });
    ApprovalRule.ANYONE.mayDirect("bob", null, "NONE", teams, access);
    ApprovalRule.ANYONE.mayDirect("BOB", null, "NONE", teams, access);
    assertThat(lookups).containsExactly("bob");
  }
}
