package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PermissionTest {

  @Test
  void theRoleNameTellsTriageFromReadAndMaintainFromWrite() {
    assertThat(Permission.of("read", "triage")).isEqualTo(Permission.TRIAGE);
    assertThat(Permission.of("read", "read")).isEqualTo(Permission.READ);
    assertThat(Permission.of("write", "maintain")).isEqualTo(Permission.MAINTAIN);
    assertThat(Permission.of("admin", "admin")).isEqualTo(Permission.ADMIN);
    assertThat(Permission.of("none", "none")).isEqualTo(Permission.NONE);
  }

  @Test
  void aCustomRoleFallsBackToTheLegacyPermission() {
    assertThat(Permission.of("write", "release-manager")).isEqualTo(Permission.WRITE);
    assertThat(Permission.of(null, null)).isEqualTo(Permission.NONE);
    assertThat(Permission.of("bogus", "bogus")).isEqualTo(Permission.NONE);
  }

  @Test
  void closingNeedsTriageAndRecordsNeedWrite() {
    assertThat(Permission.TRIAGE.atLeast(Permission.TRIAGE)).isTrue();
    assertThat(Permission.READ.atLeast(Permission.TRIAGE)).isFalse();
    assertThat(Permission.MAINTAIN.atLeast(Permission.WRITE)).isTrue();
    assertThat(Permission.TRIAGE.atLeast(Permission.WRITE)).isFalse();
  }
}
