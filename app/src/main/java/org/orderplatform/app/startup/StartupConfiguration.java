package org.orderplatform.app.startup;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StartupConfiguration {

    // static: a BeanPostProcessor is made before the other beans, and must not pull them in early
    @Bean
    static SerializedMigrations serializedMigrations() {
        return new SerializedMigrations();
    }
}
