package trafficlight.gate;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The gate resource's interface as a pipeline sees it, spelled in one place: the keys of its {@code
 * source}, of the put's and the get's {@code params}, the fields of its versions, the files its get
 * writes and the metadata its steps report. The resource accepts exactly these keys; the generator,
 * the relay, the pin step and the demo write and read them by these names.
 */
public final class ResourceInterface {

  private ResourceInterface() {}

  /**
   * One name of the interface, spelled as in the pipeline's YAML or the JSON: its constant's name
   * in lower case.
   */
  public sealed interface Name permits SourceKey, PutParam, GetParam, VersionKey, MetadataKey {
    String name();

    default String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Every spelling of one kind of name, in the order declared. */
  public static <E extends Enum<E> & Name> Set<String> keys(Class<E> kind) {
    Set<String> keys = new LinkedHashSet<>();
    for (E name : kind.getEnumConstants()) {
      keys.add(name.key());
    }
    return Collections.unmodifiableSet(keys);
  }

  /** The spellings of {@code names}, in their order. */
  public static List<String> keys(Name... names) {
    return Arrays.stream(names).map(Name::key).toList();
  }

  /** The keys of the resource's {@code source}: every key of mitodl's resource, and approval. */
  public enum SourceKey implements Name {
    REPOSITORY,
    GH_HOST,
    AUTH_METHOD,
    ACCESS_TOKEN(true),
    APP_ID,
    APP_INSTALLATION_ID,
    PRIVATE_SSH_KEY(true),
    ISSUE_STATE,
    ISSUE_PREFIX,
    LABELS,
    ASSIGNEES,
    ISSUE_TITLE_TEMPLATE,
    ISSUE_BODY_TEMPLATE,
    LIMIT_OLD_VERSIONS,
    SKIP_IF_LABELED,
    TIMEOUT,
    APPROVERS,
    FORBID_SELF_APPROVAL;

    private final boolean secret;

    SourceKey() {
      this(false);
    }

    SourceKey(boolean secret) {
      this.secret = secret;
    }

    /** Whether the value is a secret: it never enters a cache key, a cache file or a message. */
    public boolean secret() {
      return secret;
    }

    /** The spellings of the secret keys. */
    public static Set<String> secrets() {
      return Set.copyOf(
          keys(Arrays.stream(values()).filter(SourceKey::secret).toArray(Name[]::new)));
    }
  }

  /** The values of the source key {@code issue_state}: which gate issues a resource works on. */
  public enum IssueState {
    /** A resource whose put opens a gate issue, or comments on the open one. */
    OPEN,
    /** A trigger resource: its versions are closed gate issues. */
    CLOSED;

    /** As the source spells it. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The keys of the put step's {@code params}. */
  public enum PutParam implements Name {
    LABELS,
    ASSIGNEES,
    BODY_FILE,
    COMMIT_FROM,
    CODE_REPOSITORY,
    NEXT_STAGE,
    GITHUB_DEPLOYMENT,
    APPROVERS,
    FORBID_SELF_APPROVAL,
    APPROVAL,
    PR_COMMENTS
  }

  /** The keys of the get step's {@code params}. */
  public enum GetParam implements Name {
    CONSUME
  }

  /** The fields of a version: one gate issue. */
  public enum VersionKey implements Name {
    ISSUE_NUMBER,
    ISSUE_TITLE,
    ISSUE_STATE,
    ISSUE_CREATED_AT,
    ISSUE_CLOSED_AT,
    ISSUE_URL
  }

  /** The names of the build metadata the get and the put report. */
  public enum MetadataKey implements Name {
    NUMBER,
    TITLE,
    STATE,
    HTML_URL,
    /** The put's: {@link #CREATED} or {@link #COMMENTED}. */
    ACTION,
    APPROVED_COMMIT,
    APPROVED_SUBJECT,
    APPROVED_BY;

    /** {@code action} of a put that opened a new gate issue. */
    public static final String CREATED = "created";

    /** {@code action} of a put that added a build to the open gate issue. */
    public static final String COMMENTED = "commented";
  }

  /** The files the get writes into its directory. */
  public enum InFile {
    /** The issue as GitHub returned it, with {@code approved}: what the close approved. */
    GH_ISSUE("gh_issue.json"),
    /** The issue's fields a task most often wants, pretty-printed. */
    ISSUE("issue.json"),
    /** The approved commit's SHA and a newline; absent when the approved build recorded none. */
    COMMIT("commit");

    private final String fileName;

    InFile(String fileName) {
      this.fileName = fileName;
    }

    public String fileName() {
      return fileName;
    }
  }
}
