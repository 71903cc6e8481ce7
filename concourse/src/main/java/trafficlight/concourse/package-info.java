/**
 * What Concourse itself defines, with nothing of trafficlight's gates in it:
 *
 * <ul>
 *   <li>{@link trafficlight.concourse.PipelineYaml} reads and writes pipeline YAML;
 *   <li>{@link trafficlight.concourse.Vars} fills {@code ((vars))} as {@code fly set-pipeline -v}
 *       and {@code -l} do;
 *   <li>{@link trafficlight.concourse.PipelineRef} names a pipeline, instanced or not, as fly and
 *       the API write it;
 *   <li>{@link trafficlight.concourse.ConcourseUrls} lays out build pages and check webhooks.
 * </ul>
 *
 * The generator and the local runner write and imitate these; the relay reads pipelines and calls
 * webhooks with them.
 */
package trafficlight.concourse;
