/**
 * The gate-issue format, in one place and with no I/O: what the resource and the generator write
 * and what the board, the CLI and the relay read.
 *
 * <ul>
 *   <li>{@link trafficlight.gate.TitleFormat}: issue titles such as {@code [bot] {deployer}
 *       {project} {stage} deployed.}, rendered and matched;
 *   <li>{@link trafficlight.gate.ConsumedPrefix}: the {@code [CONSUMED #n]} prefix a get adds;
 *   <li>{@link trafficlight.gate.DeployRecord}: the record of a deploy in an issue body or comment,
 *       and the one reader of an issue's records, which counts only those the pipeline wrote
 *       ({@link trafficlight.gate.IssueRecords}, people's permissions asked through {@link
 *       trafficlight.gate.RepositoryAccess});
 *   <li>{@link trafficlight.gate.GateLabels}: {@code pipeline-workflow}, {@code
 *       promotion-to-<stage>} and {@code finalized-deployment};
 *   <li>{@link trafficlight.gate.ApprovalRule}: who may promote by closing a gate issue ({@code
 *       approvers}, {@code forbid_self_approval}), decided in one place;
 *   <li>{@link trafficlight.gate.PromoteDirective}: the {@code /promote <sha-prefix>} comment that
 *       chooses which recorded build a close approves (whose counts: {@link
 *       trafficlight.gate.ApprovalRule#mayDirect});
 *   <li>{@link trafficlight.gate.WebLink}: only http(s) URLs from an issue become links;
 *   <li>{@link trafficlight.gate.Approval}: what a close approved ({@code approved} in {@code
 *       gh_issue.json}, {@code promoted_from} in the next stage's record);
 *   <li>{@link trafficlight.gate.DeployingNotice}: the consuming get's comment saying which build
 *       deploys it;
 *   <li>{@link trafficlight.gate.GateEvent}: what happened to a gate (opened, a build added,
 *       closed, refused, abandoned, consumed, deployed), sent to {@link
 *       trafficlight.gate.GateEvents} by whoever saw it, for whatever reacts.
 * </ul>
 */
package trafficlight.gate;
