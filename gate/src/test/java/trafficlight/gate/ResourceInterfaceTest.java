package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import trafficlight.gate.ResourceInterface.IssueState;
import trafficlight.gate.ResourceInterface.PutParam;
import trafficlight.gate.ResourceInterface.SourceKey;

class ResourceInterfaceTest {

  @Test
  void theSecretsAreTheTokenAndTheAppsKey() {
    assertThat(SourceKey.secrets()).containsExactlyInAnyOrder("access_token", "private_ssh_key");
  }

  @Test
  void keysAndValuesAreSpelledAsTheSourceSpellsThem() {
    assertThat(SourceKey.FORBID_SELF_APPROVAL.key()).isEqualTo("forbid_self_approval");
    assertThat(IssueState.CLOSED.value()).isEqualTo("closed");
  }

  @Test
  void aKindsKeysKeepTheirDeclaredOrderAndChosenOnesTheirGivenOrder() {
    assertThat(ResourceInterface.keys(PutParam.class))
        .startsWith("labels", "assignees", "body_file")
        .hasSize(PutParam.values().length);
    assertThat(ResourceInterface.keys(SourceKey.TIMEOUT, SourceKey.REPOSITORY))
        .containsExactly("timeout", "repository");
  }
}
