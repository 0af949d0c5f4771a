# The Anju platform (all-in-one: HTTP API, dashboards, ingest, jobs and the MQTT gateway in one
# process) from the distribution tarball. Build from the project root after './anju dist':
#   docker build -f deploy/docker/platform.Dockerfile --build-arg ANJU_VERSION=0.1.0-SNAPSHOT \
#     -t anju/platform:0.1.0-SNAPSHOT .
# Settings come from ANJU_* environment variables (platform/src/main/resources/anju-defaults.yaml).
FROM eclipse-temurin:21-jre
ARG ANJU_VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="anju-platform" \
      org.opencontainers.image.version="${ANJU_VERSION}" \
      org.opencontainers.image.description="Anju smart-community platform"
# ADD unpacks a local tarball
ADD target/anju-${ANJU_VERSION}.tar.gz /opt/
RUN ln -s /opt/anju-${ANJU_VERSION} /opt/anju \
 && groupadd --system --gid 10001 anju \
 && useradd --system --uid 10001 --gid anju --home-dir /var/lib/anju --create-home anju
USER 10001:10001
WORKDIR /var/lib/anju
ENV ANJU_DATA_DIR=/var/lib/anju/data
# HTTP (API, dashboards, /health/live, /health/ready, /metrics), MQTT, MQTT over TLS
EXPOSE 8080 1883 8883
ENTRYPOINT ["/opt/anju/anju", "run"]
