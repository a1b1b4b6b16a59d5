# The product image: the shaded jar on a JRE, run as an unprivileged user.
# It cannot be built on the development machines of this project (no Docker engine there); build it
# where Docker or BuildKit runs:  docker build -t alignment-monitor:0.1.0 .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests -pl app -am package

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 monitor \
 && useradd --system --uid 10001 --gid monitor --home-dir /var/lib/alignment-monitor monitor \
 && mkdir -p /var/lib/alignment-monitor /etc/alignment-monitor \
 && chown monitor:monitor /var/lib/alignment-monitor
COPY --from=build /src/app/target/alignment-monitor.jar /opt/alignment-monitor/alignment-monitor.jar
USER 10001:10001
WORKDIR /var/lib/alignment-monitor
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/alignment-monitor/alignment-monitor.jar"]
CMD ["run", "--config", "/etc/alignment-monitor/monitor.properties"]
