package org.orderplatform.it;

import java.util.HashMap;
import java.util.Map;
import org.orderplatform.embedded.testsupport.FreshDatabase;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code ORDERS_TEST_DB_URL} set, points the context at a fresh database on that server
 * (dropped when the context closes, after its connection pool). Without it, nothing to do: the application starts its own
 * embedded PostgreSQL, exactly as it does for users.
 */
class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!FreshDatabase.external()) {
            return;
        }
        FreshDatabase db = FreshDatabase.create();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", db.url());
        properties.put("spring.datasource.username", db.user() == null ? "" : db.user());
        properties.put("spring.datasource.password", db.password() == null ? "" : db.password());
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("fresh-test-database", properties));
        // Registered before every other bean, so destroyed after all of them (the pool included):
        // the database is dropped only once nothing uses it any more.
        ((DefaultListableBeanFactory) context.getBeanFactory())
                .registerDisposableBean("freshTestDatabase", (DisposableBean) db::close);
    }
}
