package app.router4ai.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts {@link DatabaseSettings#timeout()} on every wait for the database: the pool's connection timeout, each
 * JdbcTemplate statement's query timeout and, on PostgreSQL, the socket's read timeout, without which a query
 * on a database that stalled (network, failover, a frozen host) waits as long as the TCP connection lives.
 * Flyway gets a connection of its own, without the socket timeout, so a long migration is not cut off.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseTimeouts {

    @Bean
    static BeanPostProcessor databaseTimeoutsOnPoolAndTemplates(ObjectProvider<DatabaseSettings> settings) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    DatabaseSettings database = settings.getObject();
                    pool.setConnectionTimeout(Math.max(250, database.timeout().toMillis()));
                    pool.setValidationTimeout(Math.max(250, Math.min(database.timeout().toMillis(), pool.getConnectionTimeout() - 1)));
                    if (isPostgres(pool.getJdbcUrl())) {
                        pool.addDataSourceProperty("socketTimeout", Integer.toString(database.timeoutSeconds() + 1));
                        pool.addDataSourceProperty("connectTimeout", Integer.toString(database.timeoutSeconds()));
                    }
                } else if (bean instanceof JdbcTemplate template && template.getQueryTimeout() <= 0) {
                    template.setQueryTimeout(settings.getObject().timeoutSeconds());
                }
                return bean;
            }
        };
    }

    @Bean
    FlywayConfigurationCustomizer flywayWithoutSocketTimeout(DataSourceProperties properties) {
        return flyway -> {
            if (isPostgres(properties.determineUrl())) {
                flyway.dataSource(properties.determineUrl(), properties.determineUsername(), properties.determinePassword());
            }
        };
    }

    private static boolean isPostgres(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }
}
