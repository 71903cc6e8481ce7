package trafficlight.gate;

/**
 * Answers whether a login is an active member of a team (members of its child teams included); a
 * pending invitation is not a membership. Implementations may fail, for instance when the team
 * cannot be read: that failure must reach the caller, never become "not a member".
 */
@FunctionalInterface
public interface TeamMembership {
  boolean isActiveMember(Approver.Team team, String login);
}
