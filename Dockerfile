# The platform image: one image, the role is an argument (ingest, scoring, alerts or all). It is the production
# command (module app): no embedded Kafka or PostgreSQL; the demo and the benchmarks are in workbench, run by ./fraud.
# Build: docker build -t centinela/fraud .   Run: docker run centinela/fraud run --role scoring
# The operator's image is operator/Dockerfile.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests -Dit.skip=true install -pl app -am

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app fraud
WORKDIR /app
COPY --from=build /src/app/target/fraud.jar /app/fraud.jar
COPY --from=build /src/app/target/lib /app/lib
# Read-only root filesystem in Kubernetes and compose: native libraries unpack under /tmp (an emptyDir or tmpfs).
ENV JAVA_TOOL_OPTIONS="-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp"
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=75", "-jar", "/app/fraud.jar"]
CMD ["run", "--role", "all"]
