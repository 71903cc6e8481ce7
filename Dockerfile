# The github-issues Concourse resource: /opt/resource/{check,in,out} on a JRE.
# Build the tree first, then the image:
#   ./mvnw -q -DskipTests package
#   docker build -t trafficlight/github-issues-resource .
FROM eclipse-temurin:17-jre

# Concourse copies the worker's CA certificates into /etc/ssl/certs; the resource trusts them
# (and the JDK's own), so the base image's ca-certificates package is all it needs.
COPY dist/opt/resource /opt/resource
RUN chmod 755 /opt/resource/check /opt/resource/in /opt/resource/out /opt/resource/lib/run.sh \
 && /opt/resource/check </dev/null 2>&1 | grep -q "no request on stdin"
