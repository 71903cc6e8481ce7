package trafficlight.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import trafficlight.gate.IssueFilter;

/**
 * The parts of an {@code issues} delivery that decide where it goes.
 *
 * @param repository {@code repository.full_name}
 * @param number {@code issue.number}, or 0 when the payload has none
 */
record IssueEvent(String action, String repository, long number, IssueFilter.Candidate issue) {

  static IssueEvent of(JsonNode payload) throws BadDelivery {
    JsonNode issue = payload.path("issue");
    if (!issue.isObject() || !payload.path("action").isTextual()) {
      throw new BadDelivery(400, "malformed", "an issues event without action or issue");
    }
    List<String> labels = new ArrayList<>();
    for (JsonNode label : issue.path("labels")) {
      if (label.path("name").isTextual()) {
        labels.add(label.path("name").asText());
      }
    }
    return new IssueEvent(
        payload.path("action").asText(),
        payload.path("repository").path("full_name").asText(""),
        issue.path("number").asLong(0),
        new IssueFilter.Candidate(
            issue.path("title").isTextual() ? issue.path("title").asText() : null,
            issue.path("state").asText(""),
            issue.path("state_reason").isTextual() ? issue.path("state_reason").asText() : null,
            labels,
            issue.hasNonNull("pull_request")));
  }
}
