# The Anju MQTT gateway in scale-out mode: the same distribution, run with its device messages going
# to Kafka in Eclipse Hono's northbound format (kafka.gatewayOutput=kafka) instead of the database;
# the platform instances consume them (docs/operations.md, "Hono/Kafka mode"). It still reads the
# device registry from the database to authenticate devices. Build from the project root after
# './anju dist':
#   docker build -f deploy/docker/gateway.Dockerfile --build-arg ANJU_VERSION=0.1.0-SNAPSHOT \
#     -t anju/gateway:0.1.0-SNAPSHOT .
FROM eclipse-temurin:21-jre
ARG ANJU_VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="anju-gateway" \
      org.opencontainers.image.version="${ANJU_VERSION}" \
      org.opencontainers.image.description="Anju MQTT gateway (Hono device API, output to Kafka)"
ADD target/anju-${ANJU_VERSION}.tar.gz /opt/
RUN ln -s /opt/anju-${ANJU_VERSION} /opt/anju \
 && groupadd --system --gid 10001 anju \
 && useradd --system --uid 10001 --gid anju --home-dir /var/lib/anju --create-home anju
USER 10001:10001
WORKDIR /var/lib/anju
ENV ANJU_DATA_DIR=/var/lib/anju/data \
    ANJU_KAFKA_GATEWAY_OUTPUT=kafka \
    ANJU_KAFKA_CONSUME=false
# MQTT, MQTT over TLS, HTTP (/health/live, /health/ready, /metrics)
EXPOSE 1883 8883 8080
ENTRYPOINT ["/opt/anju/anju", "run"]
