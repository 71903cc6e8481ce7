package trafficlight.resource;

import java.time.Duration;

/** The races of {@link RacesTest} between real processes of the dist/ executables. */
class DistRacesIT extends RacesTest {

  /** Twenty JVMs take seconds to start on two cores. */
  @Override
  Duration raceWindow() {
    return Duration.ofSeconds(8);
  }

  @Override
  ResourceRunner runner() {
    return ResourceRunner.DIST;
  }
}
