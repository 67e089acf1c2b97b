# syntax=docker/dockerfile:1
# The platform's image. Built from source so `docker compose up --build` needs nothing but Docker.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

# Spring Boot's layered jar: dependencies change less often than the code, so they get own layers.
FROM eclipse-temurin:17-jre AS layers
WORKDIR /layers
COPY --from=build /src/app/target/order-platform.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# The gateway's image: docker build --target gateway (compose builds it for the gateway service).
FROM eclipse-temurin:17-jre AS gateway
RUN groupadd --system orders && useradd --system --gid orders --uid 10001 orders
WORKDIR /app
COPY --from=build /src/gateway/target/order-gateway.jar gateway.jar
USER orders
EXPOSE 8000
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "gateway.jar"]

# The platform's node image (the default target).
FROM eclipse-temurin:17-jre
RUN groupadd --system orders && useradd --system --gid orders --uid 10001 orders
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER orders
# In a container the database and broker are external: never fall back to embedded ones.
ENV ORDERS_EMBEDDED_ENABLED=false
# Not the local profile (the default without one): no webhooks to private addresses, no sandbox inbox.
ENV SPRING_PROFILES_ACTIVE=prod
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
