package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import trafficlight.gate.GateEvent;

/**
 * The put and the consuming get tell whatever reacts what happened to the gate, and nothing more.
 */
class GateEventsTest extends AgainstLocalHub {

  static final String SHA = "1a2b3c4d5e6f70819293a4b5c6d7e8f901234567";

  final List<GateEvent> events = new CopyOnWriteArrayList<>();

  @Override
  ResourceRunner runner() {
    return ResourceRunner.inProcess(events::add);
  }

  void qaDeploys(String buildName) throws Exception {
    Path git = Files.createDirectories(directory("put").resolve("myapp/.git"));
    Files.writeString(git.resolve("ref"), SHA + "\n");
    Files.writeString(git.resolve("commit_message"), "Fix the cart total\n");
    Run put = out(post(), Map.of("commit_from", "myapp"), build(buildName));
    assertThat(put.exit()).as(put.toString()).isZero();
    tick();
  }

  @Test
  void theFirstPutOpensTheGateAndLaterOnesAddBuildsEachADeploy() throws Exception {
    qaDeploys("1");
    qaDeploys("2");

    int number = hub.issues(REPO).get(0).number();
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Opened", "Deployed", "BuildAdded", "Deployed");
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.gate().repository()).isEqualTo(REPO);
              assertThat(e.gate().number()).isEqualTo(number);
              assertThat(e.gate().title()).isEqualTo(TITLE);
              assertThat(e.at()).isNotNull();
            });
    GateEvent.Deployed second = (GateEvent.Deployed) events.get(3);
    assertThat(second.deploy().commit()).isEqualTo(SHA);
    assertThat(second.deploy().buildName()).isEqualTo("2");
    assertThat(second.deploy().buildUrl()).endsWith("/jobs/deploy-qa/builds/2");
  }

  @Test
  void theConsumingGetSaysWhatTheCloseApprovedOnceEvenWhenItRunsAgain() throws Exception {
    qaDeploys("1");
    int number = hub.issues(REPO).get(0).number();
    close(number);
    Map<String, String> version = check(trigger(), null).versions().get(0);
    events.clear();

    assertThat(in(trigger(), version, Map.of(), build("7")).exit()).isZero();
    assertThat(in(trigger(), version, Map.of(), build("7")).exit()).isZero();

    assertThat(events).hasSize(1);
    GateEvent.Consumed consumed = (GateEvent.Consumed) events.get(0);
    assertThat(consumed.build()).isEqualTo("7");
    assertThat(consumed.gate().title()).isEqualTo("[CONSUMED #7]" + TITLE);
    assertThat(consumed.approval().commit()).isEqualTo(SHA);
    assertThat(consumed.approval().closedBy()).isEqualTo("alice");
  }

  @Test
  void aRefusedCloseIsSentAndNothingConsumed() {
    hub.addOrgMember("acme", "ci-bot");
    int number = open(TITLE, "pipeline-workflow");
    hub.closeIssue(REPO, number, "bob");
    tick();
    Map<String, Object> guarded = trigger("approvers", List.of("alice"));
    // the version as an unguarded check offers it; the guarded get must still refuse it
    Map<String, String> version = check(trigger(), null).versions().get(0);

    assertThat(in(guarded, version, Map.of(), build("8")).exit()).isNotZero();

    assertThat(events).singleElement().isInstanceOf(GateEvent.Refused.class);
    GateEvent.Refused refused = (GateEvent.Refused) events.get(0);
    assertThat(refused.closedBy()).isEqualTo("bob");
    assertThat(refused.reason()).contains("closed by bob, who may not promote");
  }
}
