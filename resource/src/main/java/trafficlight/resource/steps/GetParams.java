package trafficlight.resource.steps;

import java.util.Map;
import trafficlight.gate.ResourceInterface.GetParam;

/**
 * The {@code get} step's params: {@code consume: false} reads a closed issue without renaming it.
 */
record GetParams(boolean consume) {

  static GetParams parse(Map<String, Object> params) {
    var read = new ConfigReader<>("get params", params, GetParam.class);
    Boolean consume = read.bool(GetParam.CONSUME);
    return new GetParams(consume == null || consume);
  }
}
