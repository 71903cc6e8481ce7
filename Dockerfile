# syntax=docker/dockerfile:1
# The github-issues Concourse resource: /opt/resource/{check,in,out} on a jlink'ed Temurin 25 JRE
# with an AOT cache per step, trained in this build against localhub (see docs/BENCHMARKS.md).
# Every step is a script in image/. Build the tree first, then the image with any builder that
# knows RUN --mount (BuildKit, Docker's default; Podman; buildah):
#   ./mvnw -q -DskipTests package
#   docker build -t trafficlight/github-issues-resource .
#   podman build -t trafficlight/github-issues-resource .
# CI builds this file with buildah (image/build, without a registry or a Docker engine) and runs
# what it built as a container runtime would (image/smoke).

FROM eclipse-temurin:25-jdk AS jdk
RUN --mount=type=bind,source=image,target=/tmp/image \
    /tmp/image/jre /opt/java/openjdk /opt/jre

FROM debian:bookworm-slim
# Concourse copies the worker's CA certificates into /etc/ssl/certs; the resource trusts them
# (and the JDK's own), so ca-certificates (image/packages) is all the image needs besides the JRE.
RUN --mount=type=bind,source=image,target=/tmp/image \
    apt-get update \
 && DEBIAN_FRONTEND=noninteractive xargs apt-get install -y --no-install-recommends </tmp/image/packages \
 && /tmp/image/clean-rootfs /
ENV JAVA_HOME=/opt/java/jre
COPY --from=jdk /opt/jre /opt/java/jre
RUN --mount=type=bind,source=dist/opt/resource,target=/tmp/dist \
    --mount=type=bind,source=image,target=/tmp/image \
    /tmp/image/install-resource /tmp/dist /opt/resource
# An archive is valid only for exactly this JVM, jar path and flags, so it is made here, on every
# build, by running out, check and in in one JVM with /opt/resource's run.sh against localhub over HTTPS
# (the cli jar, on the build stage's JDK; neither stays in the image). Never copy an archive in:
# Temurin 25.0.3 would not notice one made for another jar (JDK-8377932).
RUN --mount=type=bind,from=jdk,source=/opt/java/openjdk,target=/opt/jdk \
    --mount=type=bind,source=cli/target/trafficlight.jar,target=/tmp/trafficlight.jar \
    --mount=type=bind,source=image,target=/tmp/image \
    /tmp/image/train /opt/resource /tmp/trafficlight.jar /opt/jdk/bin/java \
 && ls /opt/resource/lib/resource.aot \
 && /opt/resource/check </dev/null 2>&1 | grep -q "no request on stdin"
