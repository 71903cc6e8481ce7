package trafficlight.resource.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import trafficlight.json.Json;

/**
 * Concourse's resource protocol in one place: reads the request on stdin, calls the {@link
 * Resource}, writes the response JSON on stdout. Anything else goes to stderr, which Concourse
 * shows in the build log; a failure is one line there and a non-zero exit.
 */
public final class ConcourseProtocol {

  /** Exit status for bad input and failures GitHub reported. */
  public static final int FAILED = 1;

  private final Function<Map<String, Object>, Resource> resources;

  /**
   * @param resources makes the resource from the request's {@code source}; throws {@link
   *     ResourceException} (or IllegalArgumentException) for a bad configuration
   */
  public ConcourseProtocol(Function<Map<String, Object>, Resource> resources) {
    this.resources = resources;
  }

  /**
   * Runs one command.
   *
   * @param command {@code check}, {@code in} or {@code out}
   * @param args the directory argument of {@code in} and {@code out}
   * @return the process exit status
   */
  public int run(
      String command,
      List<String> args,
      InputStream stdin,
      PrintStream stdout,
      PrintStream stderr,
      Map<String, String> env) {
    try {
      Object response = respond(command, args, readRequest(stdin), env);
      stdout.println(Json.write(response));
      stdout.flush();
      if (!stdout.checkError()) {
        return 0;
      }
      stderr.println("error: cannot write the response on stdout");
    } catch (ResourceException | IllegalArgumentException e) {
      stderr.println("error: " + e.getMessage());
    } catch (RuntimeException e) {
      // a GitHubException or another failure: its message is already one line for people
      stderr.println("error: " + oneLine(e));
    }
    return FAILED;
  }

  private Object respond(
      String command, List<String> args, Map<String, Object> request, Map<String, String> env) {
    if (!List.of("check", "in", "out").contains(command)) {
      throw new ResourceException("unknown command \"" + command + "\": expected check, in or out");
    }
    Map<String, Object> source = object(request, "source", true);
    Map<String, Object> given = object(request, "version", command.equals("in"));
    Path directory = command.equals("check") ? null : directory(args, command);
    Resource resource = resources.apply(source);
    try {
      return switch (command) {
        case "check" -> {
          List<Object> versions = new ArrayList<>();
          for (Version version : resource.fetchNewVersions(given == null ? null : version(given))) {
            versions.add(version.fields());
          }
          yield versions;
        }
        case "in" ->
            result(
                resource.downloadVersion(
                    version(given), directory, new BuildMetadata(env), params(request)));
        default ->
            result(resource.publishNewVersion(directory, new BuildMetadata(env), params(request)));
      };
    } finally {
      if (resource instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // releasing connections cannot change the answer
        }
      }
    }
  }

  private static Map<String, Object> readRequest(InputStream stdin) {
    String text;
    try {
      text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ResourceException("cannot read the request on stdin: " + e.getMessage());
    }
    if (text.isBlank()) {
      throw new ResourceException(
          "no request on stdin: Concourse sends a JSON object such as {\"source\": {...}}");
    }
    Object parsed;
    try {
      parsed = Json.parse(text);
    } catch (IOException | RuntimeException e) {
      throw new ResourceException(
          "the request on stdin is not valid JSON ("
              + firstLine(e.getMessage())
              + "): send one JSON object such as {\"source\": {...}}");
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new ResourceException(
          "the request on stdin must be a JSON object such as {\"source\": {...}}, got "
              + JsonTypes.describe(parsed));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> request = (Map<String, Object>) map;
    return request;
  }

  private static Map<String, Object> object(
      Map<String, Object> request, String key, boolean required) {
    Object value = request.get(key);
    if (value == null) {
      if (required) {
        throw new ResourceException("the request on stdin has no \"" + key + "\" object");
      }
      return null;
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new ResourceException(
          "\"" + key + "\" in the request must be a JSON object, got " + JsonTypes.describe(value));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) map;
    return object;
  }

  private static Map<String, Object> params(Map<String, Object> request) {
    Map<String, Object> params = object(request, "params", false);
    return params == null ? Map.of() : params;
  }

  private static Version version(Map<String, Object> given) {
    Map<String, String> fields = new LinkedHashMap<>();
    given.forEach(
        (key, value) -> {
          if (!(value instanceof String text)) {
            throw new ResourceException(
                "version field \""
                    + key
                    + "\" must be a string, got "
                    + JsonTypes.describe(value)
                    + ": Concourse versions are flat maps of strings");
          }
          fields.put(key, text);
        });
    return new Version(fields);
  }

  private static Path directory(List<String> args, String command) {
    String what = command.equals("in") ? "destination" : "sources";
    if (args.isEmpty()) {
      throw new ResourceException(
          command + " needs the " + what + " directory as its argument, as Concourse passes it");
    }
    Path dir = Path.of(args.get(0));
    if (!Files.isDirectory(dir)) {
      throw new ResourceException("the " + what + " directory " + dir + " does not exist");
    }
    return dir;
  }

  private static Map<String, Object> result(Resource.Result result) {
    List<Object> metadata = new ArrayList<>();
    result
        .metadata()
        .forEach(
            (name, value) -> {
              Map<String, String> pair = new LinkedHashMap<>();
              pair.put("name", name);
              pair.put("value", value);
              metadata.add(pair);
            });
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("version", result.version().fields());
    response.put("metadata", metadata);
    return response;
  }

  private static String oneLine(RuntimeException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getName() : firstLine(message);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unknown error";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
