package trafficlight.pipeline.runner;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A resource type given as Concourse's three executables (e.g. {@code dist/opt/resource}), run each
 * step as Concourse runs them: a fresh process, the request JSON on stdin, the directory as
 * argument, BUILD_* in the environment (none for check), the response JSON read from stdout and
 * stderr kept as the build log.
 */
public final class ResourceProcess implements ResourceImplementation {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path executables;

  public ResourceProcess(Path executables) {
    if (!Files.isExecutable(executables.resolve("check"))) {
      throw new IllegalStateException(
          "no resource executables in " + executables + ": build with ./mvnw -DskipTests package");
    }
    this.executables = executables;
  }

  /** The executables of a checkout, found from the {@code trafficlight.root} property. */
  public static ResourceProcess fromCheckout() {
    Path root = Path.of(System.getProperty("trafficlight.root", "."));
    return new ResourceProcess(root.resolve("dist/opt/resource"));
  }

  @Override
  public List<Map<String, String>> check(Map<String, Object> source, Map<String, String> version) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", source);
    request.put("version", version);
    return JSON.convertValue(run("check", request, Map.of(), null).json, new TypeReference<>() {});
  }

  @Override
  public StepResult get(
      Map<String, Object> source,
      Map<String, String> version,
      Map<String, Object> params,
      Path dest,
      Map<String, String> env) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", source);
    request.put("version", version);
    request.put("params", params);
    return result(run("in", request, env, dest));
  }

  @Override
  public StepResult put(
      Map<String, Object> source, Map<String, Object> params, Path src, Map<String, String> env) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", source);
    request.put("params", params);
    return result(run("out", request, env, src));
  }

  private static StepResult result(Response response) {
    Map<String, Object> json = JSON.convertValue(response.json, new TypeReference<>() {});
    Map<String, String> version = JSON.convertValue(json.get("version"), new TypeReference<>() {});
    Map<String, String> metadata = new LinkedHashMap<>();
    if (json.get("metadata") instanceof List<?> pairs) {
      for (Object pair : pairs) {
        Map<?, ?> m = (Map<?, ?>) pair;
        metadata.put(String.valueOf(m.get("name")), String.valueOf(m.get("value")));
      }
    }
    return new StepResult(version, metadata, response.stderr);
  }

  private record Response(Object json, String stderr) {}

  private Response run(
      String command, Map<String, Object> request, Map<String, String> env, Path dir) {
    List<String> argv = new ArrayList<>(List.of(executables.resolve(command).toString()));
    if (dir != null) {
      argv.add(dir.toString());
    }
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().putAll(env);
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Process process = builder.start();
      CompletableFuture<byte[]> stderr =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      process.getOutputStream().write(JSON.writeValueAsBytes(request));
      process.getOutputStream().close();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      String errors = new String(stderr.join(), StandardCharsets.UTF_8);
      if (exit != 0) {
        String last = errors.strip().lines().reduce((a, b) -> b).orElse("");
        throw new StepFailedException(command + " failed (exit " + exit + "): " + last, errors);
      }
      return new Response(JSON.readValue(stdout, Object.class), errors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException(command + " interrupted", "");
    }
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
