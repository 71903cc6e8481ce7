package trafficlight.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may promote by closing a gate issue: the one decision that check, get, the relay and the
 * board all use, with no I/O of its own (team membership is asked through {@link TeamMembership}).
 *
 * <ul>
 *   <li>With {@code approvers}, the closer must be a listed login (compared ignoring case) or an
 *       active member of a listed team. Logins are looked at first, so a listed login costs no team
 *       lookup.
 *   <li>With {@code forbidSelfApproval}, the closer must not be the author or committer of any
 *       commit the gate's deploy records carry. Records that name no author or committer for a
 *       commit leave the question open, and an open question refuses: this rule exists to stop a
 *       person promoting their own change, so "cannot tell" never lets one through.
 * </ul>
 *
 * A close by an unknown user (GitHub did not say who) is refused whenever the rule restricts
 * anything.
 */
public record ApprovalRule(List<Approver> approvers, boolean forbidSelfApproval) {

  /** No restriction: every close is a go-ahead (mitodl's behaviour). */
  public static final ApprovalRule ANYONE = new ApprovalRule(List.of(), false);

  public ApprovalRule {
    approvers = List.copyOf(approvers);
  }

  /**
   * @throws IllegalArgumentException for an entry that is neither a login nor a team
   */
  public static ApprovalRule of(List<String> approvers, boolean forbidSelfApproval) {
    List<Approver> parsed = new ArrayList<>();
    for (String entry : approvers) {
      parsed.add(Approver.parse(entry));
    }
    return new ApprovalRule(parsed, forbidSelfApproval);
  }

  /** Whether any close could be refused; when not, nobody needs to ask who closed an issue. */
  public boolean restricts() {
    return !approvers.isEmpty() || forbidSelfApproval;
  }

  /** The listed approvers as people read them: {@code alice, @my-org/release}. */
  public String describeApprovers() {
    return approvers.stream().map(Approver::toString).collect(Collectors.joining(", "));
  }

  /**
   * @param closedBy the login GitHub names as the closer, or null when it did not say
   * @param teams asked only for listed teams, and only when no listed login matched
   * @param records the deploy records of the gate issue (body and comments), for the stage name and
   *     for {@code forbidSelfApproval}
   */
  public ApprovalDecision decide(
      String closedBy, TeamMembership teams, List<DeployRecord> records) {
    if (!restricts()) {
      return new ApprovalDecision.Allowed();
    }
    String stage = stage(records);
    if (closedBy == null || closedBy.isBlank()) {
      return new ApprovalDecision.Refused(
          null,
          "closed by an unknown user (GitHub did not say who), who may not promote"
              + stage
              + approversNote());
    }
    if (!approvers.isEmpty() && !isApprover(closedBy, teams)) {
      return new ApprovalDecision.Refused(
          closedBy, "closed by " + closedBy + ", who may not promote" + stage + approversNote());
    }
    if (forbidSelfApproval) {
      String own = ownChange(closedBy, records);
      if (own != null) {
        return new ApprovalDecision.Refused(
            closedBy,
            "closed by "
                + closedBy
                + ", who may not promote"
                + stage
                + " "
                + own
                + " (forbid_self_approval)");
      }
    }
    return new ApprovalDecision.Allowed();
  }

  /**
   * Whether a {@link PromoteDirective} written before the close chooses what the close promotes. It
   * does when its author is the closer (they passed this rule, and their own pick is what they
   * approved), or may promote: with {@code approvers}, an approver; without, someone whose
   * permission on the repository lets them close the issue (triage or more). {@code
   * author_association} {@code OWNER}, {@code MEMBER} or {@code COLLABORATOR} is taken as a free
   * answer for the latter; it is not one to rely on alone, since GitHub reports private members of
   * an organization as {@code NONE} or {@code CONTRIBUTOR}. Outsiders' directives never count.
   * {@code forbidSelfApproval} is the closer's rule, not the directive's.
   *
   * @param closedBy who closed the issue, or null when not known (or not closed yet)
   * @param authorAssociation the comment's {@code author_association}, or null when unknown
   * @param access asked only when nothing cheaper answered
   */
  public boolean mayDirect(
      String login,
      String closedBy,
      String authorAssociation,
      TeamMembership teams,
      RepositoryAccess access) {
    if (login == null || login.isBlank()) {
      return false;
    }
    if (closedBy != null && login.equalsIgnoreCase(closedBy)) {
      return true;
    }
    if (!approvers.isEmpty()) {
      return isApprover(login, teams);
    }
    if (authorAssociation != null
        && DIRECTING_ASSOCIATIONS.contains(authorAssociation.toUpperCase(Locale.ROOT))) {
      return true;
    }
    return access.permissionOf(login).atLeast(Permission.TRIAGE);
  }

  /** Who {@link #mayDirect} besides the closer, for people. */
  public String describeWhoMayDirect() {
    return approvers.isEmpty()
        ? "the closer, or someone with triage permission or more on the repository"
        : "the closer, or an approver: " + describeApprovers();
  }

  /** Why an ignored directive did not count, for people. */
  public static final String WHY_NOT_DIRECTING = "not allowed to promote";

  private static final Set<String> DIRECTING_ASSOCIATIONS =
      Set.of("OWNER", "MEMBER", "COLLABORATOR");

  private boolean isApprover(String login, TeamMembership teams) {
    for (Approver approver : approvers) {
      if (approver instanceof Approver.Login listed && listed.is(login)) {
        return true;
      }
    }
    for (Approver approver : approvers) {
      if (approver instanceof Approver.Team team && teams.isActiveMember(team, login)) {
        return true;
      }
    }
    return false;
  }

  /** Why the closer's own change is at stake, or null when it is not. */
  private static String ownChange(String login, List<DeployRecord> records) {
    String closer = login.toLowerCase(Locale.ROOT);
    boolean unknown = records.isEmpty();
    for (DeployRecord record : records) {
      if (record.commits().isEmpty()) {
        unknown = true;
      }
      for (DeployRecord.Commit commit : record.commits()) {
        if (same(closer, commit.author()) || same(closer, commit.committer())) {
          return "a change they wrote or committed (" + shortSha(commit.sha()) + ")";
        }
        if (commit.author() == null || commit.committer() == null) {
          unknown = true;
        }
      }
    }
    return unknown
        ? "while the deploy records do not name who wrote and committed every change"
        : null;
  }

  private static boolean same(String lowerLogin, String other) {
    return other != null && lowerLogin.equals(other.toLowerCase(Locale.ROOT));
  }

  private static String shortSha(String sha) {
    return sha == null ? "unknown commit" : sha.substring(0, Math.min(7, sha.length()));
  }

  private String approversNote() {
    return approvers.isEmpty() ? "" : " (approvers: " + describeApprovers() + ")";
  }

  /** " to Production" when the records name the stage, else "". */
  private static String stage(List<DeployRecord> records) {
    for (int i = records.size() - 1; i >= 0; i--) {
      String next = records.get(i).nextStage();
      if (next != null) {
        return " to " + next;
      }
    }
    return "";
  }
}
