/**
 * The gate vocabulary, in one place and with no I/O: what the resource and the generator write and
 * what the board, the CLI and the relay read.
 *
 * <p>Titles and states:
 *
 * <ul>
 *   <li>{@link trafficlight.gate.TitleFormat}: issue titles such as {@code [bot] {deployer}
 *       {project} {stage} deployed.}, rendered and matched, and the short stage name;
 *   <li>{@link trafficlight.gate.ConsumedPrefix}: the {@code [CONSUMED #n]} prefix a get adds;
 *   <li>{@link trafficlight.gate.GateLabels}: {@code pipeline-workflow}, {@code
 *       promotion-to-<stage>} and {@code finalized-deployment};
 *   <li>{@link trafficlight.gate.IssueFilter}: which issues a trigger resource takes as versions;
 *   <li>{@link trafficlight.gate.CloseReason} and {@link trafficlight.gate.GateState}: GitHub's
 *       close reasons and where a gate stands (waiting, promoted, refused, abandoned, consumed).
 * </ul>
 *
 * <p>What the texts hold:
 *
 * <ul>
 *   <li>{@link trafficlight.gate.DeployRecord}: the record of a deploy in an issue body or comment,
 *       and the one reader of an issue's records, which counts only those the pipeline wrote
 *       ({@link trafficlight.gate.IssueText} in, {@link trafficlight.gate.IssueRecords} out,
 *       people's permissions asked through {@link trafficlight.gate.RepositoryAccess} as {@link
 *       trafficlight.gate.Permission}s);
 *   <li>{@link trafficlight.gate.CarriedCommits}: the commits a deploy carried, as listed;
 *   <li>{@link trafficlight.gate.CodeRepositoryUrl}: the {@code owner/name} a git remote names;
 *   <li>{@link trafficlight.gate.HiddenJson}: the JSON in an HTML comment that every note uses;
 *   <li>{@link trafficlight.gate.WebLink}: only http(s) URLs from an issue become links.
 * </ul>
 *
 * <p>Who may promote, and what a close approved:
 *
 * <ul>
 *   <li>{@link trafficlight.gate.ApprovalRule}: who may promote by closing a gate issue ({@code
 *       approvers} as {@link trafficlight.gate.Approver}s, {@code forbid_self_approval}), decided
 *       in one place as an {@link trafficlight.gate.ApprovalDecision}, teams asked through {@link
 *       trafficlight.gate.TeamMembership};
 *   <li>{@link trafficlight.gate.PromoteDirective}: the {@code /promote <sha-prefix>} comment that
 *       chooses which recorded build a close approves (whose counts: {@link
 *       trafficlight.gate.ApprovalRule#mayDirect});
 *   <li>{@link trafficlight.gate.Approval}: what a close approved ({@code approved} in {@code
 *       gh_issue.json}, {@code promoted_from} in the next stage's record).
 * </ul>
 *
 * <p>The notes trafficlight writes:
 *
 * <ul>
 *   <li>{@link trafficlight.gate.DeployingNotice}: the consuming get's comment saying which build
 *       deploys it;
 *   <li>{@link trafficlight.gate.RefusedCloseNote}: the relay's comment when it reopens a refused
 *       close;
 *   <li>{@link trafficlight.gate.PullRequestNote}: the one comment a pull request gets, kept
 *       current.
 * </ul>
 *
 * <p>{@link trafficlight.gate.ResourceInterface}: the resource's interface as a pipeline sees it,
 * the keys of its source and of its put's and get's params, its version fields, the files its get
 * writes and its metadata, read by the resource and written by the generator, the relay and the
 * demo.
 *
 * <p>{@link trafficlight.gate.GateEvent}: what happened to a gate (opened, a build added, closed,
 * refused, abandoned, consumed, deployed), sent to {@link trafficlight.gate.GateEvents} by whoever
 * saw it, for whatever reacts. {@link trafficlight.gate.Suggestions} finds the "did you mean" of a
 * mistyped name.
 */
package trafficlight.gate;
