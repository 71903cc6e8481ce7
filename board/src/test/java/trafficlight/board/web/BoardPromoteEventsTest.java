package trafficlight.board.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import trafficlight.board.BoardFixture;
import trafficlight.board.DeployedGates;
import trafficlight.gate.GateEvent;

/** The board's Promote sends gate events: a close as a go-ahead, or the approvers rule's no. */
class BoardPromoteEventsTest extends BoardWebTest {

  @Test
  void aPromotionSendsTheCloseWithTheCloserOnceTheIssueIsClosed() throws Exception {
    BoardServer s = f.start(true);
    HttpResponse<String> confirm = get(s.url() + "/promote?project=myapp&stage=QA", null);
    assertThat(f.events).as("a confirmation page changes nothing").isEmpty();

    HttpResponse<String> done =
        post(s.url() + "/promote", promoteForm(csrf(confirm.body())), s.url(), cookiePair(confirm));

    assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    var issue = f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa());
    assertThat(f.events).singleElement().isInstanceOf(GateEvent.Closed.class);
    GateEvent.Closed closed = (GateEvent.Closed) f.events.get(0);
    assertThat(closed.closedBy()).isEqualTo("board-bot").isEqualTo(issue.closedBy());
    assertThat(closed.at()).isEqualTo(issue.closedAt());
    assertThat(closed.gate())
        .isEqualTo(
            new GateEvent.Gate(
                BoardFixture.REPO, f.seeded.qa(), issue.title(), closed.gate().url()));
    assertThat(closed.gate().url()).endsWith("/issues/" + f.seeded.qa());
  }

  @Test
  void aCloseTheRecordedRuleRefusesSendsTheRefusalAndClosesNothing() throws Exception {
    // the chain says {name: Production, approvers: [alice], forbid_self_approval: true}; the
    // resource's put recorded it in the issue, while the board's own rules let anyone try
    int ledger = f.gates.deploy("ledger", "QA", "3", DeployedGates.sha('b'), "Book refunds");
    f.gates.hub.createUser("dana");
    BoardServer s = f.startWithSignIn(stage -> Optional.empty(), null);
    String dana = signIn(s, "dana");
    String csrf = csrf(get(s.url() + "/promote?project=ledger&stage=QA", dana).body());

    HttpResponse<String> refused =
        post(
            s.url() + "/promote",
            "csrf=" + csrf + "&project=ledger&stage=applications.ledger.QA&issue=" + ledger,
            s.url(),
            dana);

    String why = "dana may not promote to Production (approvers: alice)";
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("not promoted: " + why);
    assertThat(f.gates.hub.issue(BoardFixture.REPO, ledger).state()).isEqualTo("open");
    assertThat(f.events).singleElement().isInstanceOf(GateEvent.Refused.class);
    GateEvent.Refused event = (GateEvent.Refused) f.events.get(0);
    assertThat(event.closedBy()).isEqualTo("dana");
    assertThat(event.reason()).isEqualTo(why);
    assertThat(event.gate().number()).isEqualTo(ledger);
    assertThat(event.gate().repository()).isEqualTo(BoardFixture.REPO);
  }
}
