package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import trafficlight.contract.GitHubContract;
import trafficlight.localhub.RepoOptions;

/**
 * Bad input, each with its exact message: one line on stderr, a non-zero exit, nothing on stdout,
 * nothing written. docs/RELIABILITY.md lists the same messages; this test checks it does.
 */
class BadInputCatalogueTest extends AgainstLocalHub {

  /** GitHub's description documents no 410 for the issue list; GitHub sends it all the same. */
  @Override
  GitHubContract contract() {
    return super.contract().allowingUndocumentedStatus(410);
  }

  /** One catalogue entry: what is sent and the error line expected. */
  record Case(String name, Function<BadInputCatalogueTest, Run> send, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case stdin(String name, String command, String stdin, String expected) {
    return new Case(name, t -> t.runRaw(command, stdin, Map.of(), t.directory("dir")), expected);
  }

  static Case source(String name, String key, Object value, String expected) {
    return new Case(name, t -> t.check(t.trigger(key, value), null), expected);
  }

  static Case put(String name, Map<String, Object> params, String expected) {
    return new Case(name, t -> t.out(t.post(), params, build("1")), expected);
  }

  static final String PEM_TRUNCATED = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n";
  static final String PEM_DAMAGED =
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAnot+a+key==\n-----END RSA PRIVATE KEY-----\n";

  static Stream<Arguments> catalogue() {
    return Stream.of(
            stdin(
                "empty stdin",
                "check",
                "",
                "no request on stdin: Concourse sends a JSON object such as {\"source\": {...}}"),
            stdin(
                "malformed JSON",
                "check",
                "{\"source\": {",
                "the request on stdin is not valid JSON ("),
            stdin(
                "not an object",
                "check",
                "[\"source\"]",
                "the request on stdin must be a JSON object such as {\"source\": {...}}, got a list"),
            stdin(
                "no source",
                "check",
                "{\"version\": null}",
                "the request on stdin has no \"source\" object"),
            stdin(
                "source not an object",
                "check",
                "{\"source\": \"acme/gates\"}",
                "\"source\" in the request must be a JSON object, got a string"),
            stdin(
                "version value not a string",
                "check",
                "{\"source\": {\"repository\": \"acme/gates\"}, \"version\": {\"issue_number\": 3}}",
                "version field \"issue_number\" must be a string, got a number: Concourse versions"
                    + " are flat maps of strings"),
            stdin(
                "in without version",
                "in",
                "{\"source\": {\"repository\": \"acme/gates\"}}",
                "the request on stdin has no \"version\" object"),
            source(
                "unknown source key",
                "isue_prefix",
                "[bot]",
                "unknown source key \"isue_prefix\": did you mean \"issue_prefix\"?"),
            source(
                "missing repository",
                "repository",
                null,
                "source key \"repository\" is required, e.g. repository: my-org/deploy-gates"),
            source(
                "malformed repository",
                "repository",
                "acme",
                "source key repository must be \"owner/name\" (letters, digits, '-', '_' and '.'),"
                    + " got \"acme\""),
            source(
                "labels not a list",
                "labels",
                "pipeline-workflow",
                "source key \"labels\" must be a list of strings, e.g. [pipeline-workflow], got a"
                    + " string"),
            source(
                "an approver that is neither a login nor a team",
                "approvers",
                List.of("acme/release/eu"),
                "source key \"approvers\": \"acme/release/eu\" is neither a GitHub login (alice)"
                    + " nor a team (my-org/release, the team's slug)"),
            source(
                "forbid_self_approval not a boolean",
                "forbid_self_approval",
                "yes",
                "source key \"forbid_self_approval\" must be true or false, got a string"),
            new Case(
                "approvers on a put resource",
                t -> t.check(t.post("approvers", List.of("alice")), null),
                "source keys \"approvers\" and \"forbid_self_approval\" say who may close a gate"
                    + " issue, so they belong on a trigger resource (issue_state: closed), not on"
                    + " one with issue_state: open"),
            source(
                "timeout not a number",
                "timeout",
                "soon",
                "source key \"timeout\" must be a positive whole number, got a string"),
            source(
                "bad gh_host",
                "gh_host",
                "github.example.com",
                "source key gh_host must be an API base URL such as https://api.github.com or"
                    + " https://github.example.com/api/v3, got \"github.example.com\""),
            source(
                "unknown placeholder",
                "issue_title_template",
                "deploy {BUILD_NUMBER}",
                "issue_title_template uses the unknown placeholder {BUILD_NUMBER}: valid"
                    + " placeholders are {BUILD_ID}, {BUILD_NAME}, {BUILD_JOB_NAME},"
                    + " {BUILD_PIPELINE_NAME}, {BUILD_PIPELINE_INSTANCE_VARS}, {BUILD_TEAM_NAME},"
                    + " {ATC_EXTERNAL_URL}, {BUILD_URL}"),
            source(
                "unbalanced braces",
                "issue_body_template",
                "built {BUILD_NAME",
                "issue_body_template has an unclosed '{' at position 6: write '{{' for a literal"
                    + " brace"),
            new Case(
                "app id not a number",
                t -> t.check(t.trigger(GitHubApp.sourceKeys("my-app", PEM_DAMAGED)), null),
                "source key \"app_id\" must be a positive whole number, got a string"),
            new Case(
                "truncated PEM",
                t -> t.check(t.trigger(GitHubApp.sourceKeys(1, PEM_TRUNCATED)), null),
                "private_ssh_key is not a PEM RSA private key: paste the whole .pem file GitHub"
                    + " gave you, from -----BEGIN RSA PRIVATE KEY----- to -----END RSA PRIVATE"
                    + " KEY-----"),
            new Case(
                "damaged PEM",
                t -> t.check(t.trigger(GitHubApp.sourceKeys(1, PEM_DAMAGED)), null),
                "private_ssh_key is damaged or truncated: the PEM block does not hold a valid RSA"
                    + " key; paste the whole .pem file again"),
            put(
                "unknown put param",
                Map.of("label", List.of("x")),
                "unknown put params key \"label\": did you mean \"labels\"?"),
            put(
                "an approvers put param that is neither a login nor a team",
                Map.of("approvers", List.of("a b")),
                "put param approvers: \"a b\" is neither a GitHub login (alice) nor a team"
                    + " (my-org/release, the team's slug)"),
            put(
                "approval not a get's directory",
                Map.of("approval", "."),
                "put param approval \".\" has no gh_issue.json: name the directory of the get of"
                    + " the trigger resource (issue_state: closed) this job triggers on, e.g."
                    + " approval: qa-promoted"),
            put(
                "approval the get of a put resource",
                Map.of("approval", "open-get"),
                "put param approval \"open-get\": its gh_issue.json says no approval (no"
                    + " \"approved\"): it must be the get of a trigger resource (issue_state:"
                    + " closed) of this resource type, not of a put resource or of mitodl's"),
            put(
                "body_file absolute",
                Map.of("body_file", "/etc/passwd"),
                "put param body_file must be relative to the build's directory (e.g."
                    + " my-output/body.md), got the absolute path \"/etc/passwd\""),
            put(
                "body_file with ..",
                Map.of("body_file", "../outside.md"),
                "put param body_file \"../outside.md\" leads outside the build's directory"
                    + " (through '..' or a symbolic link); name a file inside it"),
            put(
                "body_file through a symlink out",
                Map.of("body_file", "link.md"),
                "put param body_file \"link.md\" leads outside the build's directory (through '..'"
                    + " or a symbolic link); name a file inside it"),
            put(
                "body_file missing",
                Map.of("body_file", "missing.md"),
                "put param body_file \"missing.md\" does not exist: is the task that writes it an"
                    + " output of this job, and the path relative to the build's directory?"),
            put(
                "body_file binary",
                Map.of("body_file", "binary.bin"),
                "put param body_file \"binary.bin\" is not UTF-8 text; the issue body must be"
                    + " text"),
            new Case(
                "title over 256 characters",
                t -> t.out(t.post("issue_title_template", "x".repeat(300)), Map.of(), build("1")),
                "the issue title has 300 characters, GitHub allows 256: shorten"
                    + " issue_title_template (it rendered \""
                    + "x".repeat(60)
                    + "...\")"),
            new Case(
                "a version from another resource (check)",
                t -> t.check(t.trigger(), Map.of("ref", "4f1c2e")),
                "the version {ref=4f1c2e} is not from this resource type: it needs issue_number (a"
                    + " positive number); was the resource's type or source changed? Clear its"
                    + " versions with fly clear-resource-cache / check-resource --from"),
            new Case(
                "a version from another issue_state",
                t ->
                    t.check(
                        t.trigger(),
                        Map.of(
                            "issue_number",
                            "3",
                            "issue_created_at",
                            "2026-11-26T08:00:00",
                            "issue_closed_at",
                            "None")),
                "the version's issue_closed_at is \"None\", not a time like 2026-11-26T08:00:00:"
                    + " the version comes from a resource with another issue_state or another"
                    + " type; check the source's issue_state"),
            new Case(
                "a version from another resource (in)",
                t -> t.in(t.trigger(), Map.of("ref", "4f1c2e"), Map.of(), build("1")),
                "the version {ref=4f1c2e} is not from this resource type: it needs issue_number (a"
                    + " positive number); was the resource's type or source changed? Clear its"
                    + " versions with fly clear-resource-cache / check-resource --from"),
            new Case(
                "issues disabled (410)",
                t -> {
                  t.hub.createRepo("acme/no-issues", RepoOptions.ISSUES_DISABLED);
                  return t.check(t.trigger("repository", "acme/no-issues"), null);
                },
                "GET /repos/acme/no-issues/issues?state=closed&sort=updated&direction=desc"
                    + "&per_page=100: 410 Issues are disabled for this repo: issues are disabled in"
                    + " this repository"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void badInputIsOneClearLineAndLosesNothing(Case input) throws Exception {
    Path sources = directory("put");
    Files.writeString(work.resolve("outside.md"), "secret");
    Files.createSymbolicLink(sources.resolve("link.md"), work.resolve("outside.md"));
    Files.write(sources.resolve("binary.bin"), new byte[] {0, 1, 2});
    Files.writeString(
        Files.createDirectories(sources.resolve("open-get")).resolve("gh_issue.json"),
        "{\"issue_number\": \"3\", \"issue_state\": \"open\"}");

    Run run = input.send().apply(this);

    assertFailedWithOneLine(run, input.expected());
    assertThat(hub.issues(REPO)).as("nothing written").isEmpty();
    assertThat(run.stderr()).doesNotContain("secret").doesNotContain("Exception");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void theReliabilityDocumentListsIt(Case input) throws Exception {
    String doc =
        Files.readString(
            Path.of(System.getProperty("trafficlight.root", "..")).resolve("docs/RELIABILITY.md"));
    assertThat(doc).contains(input.expected().replace("|", "\\|"));
  }
}
