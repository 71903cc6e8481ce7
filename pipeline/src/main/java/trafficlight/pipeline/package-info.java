/** Promotion pipelines: the stage-chain model, the Concourse pipeline generator, a local runner. */
package trafficlight.pipeline;
