package trafficlight.board;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.steps.IssueGateResource;

/**
 * The real resource's put for project {@code shop} into {@code gates}, as the generated pipeline
 * makes it: a git resource's checkout whose origin is {@code code}, {@code commit_from} naming it,
 * and the stage's labels and next stage (CI → QA → Production).
 */
record ShopPut(Path work, String baseUrl, String token, String gates, String code) {

  void put(String stage, String build, String sha, String subject, Map<String, Object> extra) {
    try {
      Path sources = Files.createTempDirectory(work, "put");
      Path git = Files.createDirectories(sources.resolve("shop/.git"));
      Files.writeString(git.resolve("ref"), sha + "\n", StandardCharsets.UTF_8);
      Files.writeString(git.resolve("commit_message"), subject + "\n", StandardCharsets.UTF_8);
      Files.writeString(
          git.resolve("config"),
          "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@github.com:" + code + ".git\n",
          StandardCharsets.UTF_8);
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("repository", gates);
      source.put("gh_host", baseUrl);
      source.put("access_token", token);
      source.put(
          "issue_title_template", "[bot] Pulumi shop applications.shop." + stage + " deployed.");
      source.put(
          "labels",
          List.of(
              "pipeline-workflow",
              stage.equals("CI") ? "promotion-to-qa" : "promotion-to-production"));
      Map<String, Object> params = new LinkedHashMap<>(extra);
      params.put("commit_from", "shop");
      params.put("next_stage", stage.equals("CI") ? "QA" : "Production");
      Map<String, String> env = new LinkedHashMap<>();
      env.put("BUILD_ID", "9" + build);
      env.put("BUILD_NAME", build);
      env.put("BUILD_JOB_NAME", "deploy-" + stage.toLowerCase(Locale.ROOT));
      env.put("BUILD_PIPELINE_NAME", "shop");
      env.put("BUILD_TEAM_NAME", "main");
      env.put("ATC_EXTERNAL_URL", "https://ci.example.com");
      try (IssueGateResource resource = IssueGateResource.fromSource(source, m -> {}, null)) {
        resource.publishNewVersion(sources, new BuildMetadata(env), params);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
