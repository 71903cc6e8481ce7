package trafficlight.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trafficlight.json.Json;

/** What one run of check, in or out printed and returned. */
record Run(int exit, String stdout, String stderr) {

  Object json() {
    try {
      return Json.parse(stdout);
    } catch (IOException e) {
      throw new UncheckedIOException("stdout is not JSON: " + stdout + "\nstderr: " + stderr, e);
    }
  }

  @SuppressWarnings("unchecked")
  List<Map<String, String>> versions() {
    return (List<Map<String, String>>) json();
  }

  @SuppressWarnings("unchecked")
  Map<String, String> version() {
    return (Map<String, String>) ((Map<String, Object>) json()).get("version");
  }

  /** The build page's metadata as a map. */
  @SuppressWarnings("unchecked")
  Map<String, String> metadata() {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Object pair : (List<Object>) ((Map<String, Object>) json()).get("metadata")) {
      Map<String, String> m = (Map<String, String>) pair;
      metadata.put(m.get("name"), m.get("value"));
    }
    return metadata;
  }

  List<Long> issueNumbers() {
    return versions().stream().map(v -> Long.parseLong(v.get("issue_number"))).toList();
  }

  @Override
  public String toString() {
    return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
  }
}
