package org.orderplatform.web.cursor;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CursorProperties.class)
public class CursorConfiguration {

    private static final String SHARED_KEY = "cursor-key";

    @Bean
    Cursors cursors(CursorProperties properties, JdbcTemplate jdbc) {
        if (!properties.cursorKeys().isEmpty()) {
            return new Cursors(properties.cursorKeys().stream()
                    .map(key -> key.getBytes(StandardCharsets.UTF_8))
                    .toList());
        }
        return new Cursors(java.util.List.of(sharedKey(jdbc)));
    }

    /**
     * The key every node uses when none is configured: made by the first node that starts (a
     * random 256-bit key), read by all the others, so a cursor from one node works on another and
     * after a restart.
     */
    private static byte[] sharedKey(JdbcTemplate jdbc) {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        jdbc.update(
                "INSERT INTO server_secret (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                SHARED_KEY,
                candidate);
        return jdbc.queryForObject("SELECT secret FROM server_secret WHERE name = ?", byte[].class, SHARED_KEY);
    }
}
