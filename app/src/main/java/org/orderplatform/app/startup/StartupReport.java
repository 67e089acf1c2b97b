package org.orderplatform.app.startup;

import org.orderplatform.embedded.EmbeddedKafkaServer;
import org.orderplatform.embedded.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** One log block at startup saying what the platform runs on and where to reach it. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final ObjectProvider<EmbeddedPostgresServer> embeddedPostgres;
    private final ObjectProvider<EmbeddedKafkaServer> embeddedKafka;
    private final JdbcConnectionDetails database;
    private final KafkaConnectionDetails kafka;
    private final Environment environment;

    StartupReport(
            ObjectProvider<EmbeddedPostgresServer> embeddedPostgres,
            ObjectProvider<EmbeddedKafkaServer> embeddedKafka,
            JdbcConnectionDetails database,
            KafkaConnectionDetails kafka,
            Environment environment) {
        this.embeddedPostgres = embeddedPostgres;
        this.embeddedKafka = embeddedKafka;
        this.database = database;
        this.kafka = kafka;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        EmbeddedPostgresServer pg = embeddedPostgres.getIfAvailable();
        String db = pg != null
                ? "embedded PostgreSQL on port " + pg.port() + ", data in " + pg.dataDirectory()
                : "external PostgreSQL at " + withoutQuery(database.getJdbcUrl()) + " (ORDERS_DB_URL)";
        String broker = embeddedKafka.getIfAvailable() != null
                ? "embedded Kafka broker at " + String.join(",", kafka.getBootstrapServers())
                : "external Kafka at " + String.join(",", kafka.getBootstrapServers()) + " (KAFKA_BOOTSTRAP_SERVERS)";
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        log.info("""

                Order platform ready at {}
                  Console:    {}/console  (sign in with an admin API key)
                  API docs:   {}/swagger-ui.html  (OpenAPI: {}/v3/api-docs)
                  Health:     {}/actuator/health
                  Database:   {}
                  Kafka:      {}""", base, base, base, base, base, db, broker);
    }

    /** JDBC URLs may carry credentials as parameters; never log those. */
    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
