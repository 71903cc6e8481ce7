package trafficlight.resource.steps;

import java.util.Map;
import java.util.Set;

/**
 * The {@code get} step's params: {@code consume: false} reads a closed issue without renaming it.
 */
record GetParams(boolean consume) {

  static GetParams parse(Map<String, Object> params) {
    ConfigReader read = new ConfigReader("get params", params, Set.of("consume"));
    Boolean consume = read.bool("consume");
    return new GetParams(consume == null || consume);
  }
}
