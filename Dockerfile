# sockscope container image.
#
#   podman build -t sockscope .          (or docker build)
#   podman run --rm -p 8890:8890 -p 8080:8080 sockscope
#
# Configuration: environment variables (SOCKSCOPE_LISTENERS_ECHO_PORT=9000, SERVER_PORT=8081,
# ...) or an application.yml mounted at /app/config/application.yml, which Spring Boot reads
# from ./config/ of the working directory (/app). /app/application.yml holds the image's own
# defaults: the echo listener and the actuator listen on every interface (0.0.0.0), where
# the application alone listens on 127.0.0.1; both of those override it.
#
# Java runtime: the build stage links one for the application (jlink, docker/link-runtime):
# only the modules it uses, and the JIT compiler threads at a lower scheduling priority so
# that they do not hold up the application's own start-up on a small CPU quota.
#
# Start-up: the runtime stage runs the application once at build time (a training run,
# docker/train-startup-archive) and keeps what the JVM learnt in an archive next to the
# jar: an AOT cache on Java 25+, a CDS archive on Java 17-24. /app/jvm.options holds the
# options that use it, and the application's Spring AOT-generated context; the ENTRYPOINT
# reads them (`java @/app/jvm.options`). Nothing is written at run time. An archive only
# works with the JVM and the files it was trained with, so it is made here, on the image's
# own runtime, never copied in.
#
# The base images are build arguments, so the image can be built from local base images:
#   --build-arg BUILD_IMAGE=<a JDK 17+ image that can link> --build-arg RUNTIME_IMAGE=<an OS image>
# The build stage needs a JDK that jlink can link from (with jmods/, as most Java 17-23
# builds; or a Java 24+ linkable runtime such as Temurin's) and a POSIX shell: the
# Maven wrapper fetches Maven with Java when curl and wget are missing. The runtime stage
# needs no Java, only glibc, a POSIX shell and coreutils. Java 25+ (the AOT cache) starts
# fastest.
ARG BUILD_IMAGE=eclipse-temurin:25-jdk-noble
ARG RUNTIME_IMAGE=ubuntu:noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /build
# Dependencies first, in their own layer: it is rebuilt only when the POM or the wrapper changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
# The tests run in CI (./mvnw verify); the image build only compiles and packages.
RUN ./mvnw -B -ntp -Dmaven.test.skip=true package \
	&& java -Djarmode=tools -jar target/sockscope.jar extract --layers --destination extracted \
	&& printf 'sockscope:\n  listeners:\n    echo:\n      host: 0.0.0.0\nserver:\n  address: 0.0.0.0\n' \
		> extracted/application/application.yml
COPY docker/link-runtime /usr/local/bin/
RUN sh /usr/local/bin/link-runtime target/sockscope.jar /build/runtime

FROM ${RUNTIME_IMAGE}
COPY --from=build /build/runtime /opt/java
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:$PATH LANG=C.UTF-8
WORKDIR /app
# Layers in order of change: libraries rarely change, the application on every commit.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# The training run: starts the application on free loopback ports, echoes one line, stops;
# bounded in time, no network beyond loopback. Writes /app/startup.aot (or .jsa) and
# /app/jvm.options, readable by every user.
COPY docker/train-startup-archive /usr/local/bin/
RUN sh /usr/local/bin/train-startup-archive /app/sockscope.jar
# A numeric user, so that Kubernetes' runAsNonRoot can check it; the application writes
# only to /tmp.
USER 10001:10001
# 8890: the echo listener; 8080: the actuator (health probes, /actuator/prometheus).
EXPOSE 8890 8080
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "sockscope.jar"]
