package io.bulwark.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A test against the whole server on a random port, backed by its own embedded PostgreSQL in a
 * fresh data directory. All such tests share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "bulwark.db.data-dir=target/it-data/${random.uuid}",
      "bulwark.bootstrap.client-id=" + TestApi.ADMIN_CLIENT_ID,
      "bulwark.bootstrap.client-secret=" + TestApi.ADMIN_CLIENT_SECRET,
      "bulwark.dev-mode=true",
      "bulwark.http.outbound-allowed-networks=127.0.0.0/8"
    })
@Import({TestClients.class, TestLegalHolds.class})
public @interface BulwarkIntegrationTest {}
