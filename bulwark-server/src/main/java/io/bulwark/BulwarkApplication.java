package io.bulwark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Bulwark: one multi-tenant service for identity, secrets, audit and compliance. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BulwarkApplication {

  /**
   * Starts the server.
   *
   * @param args command-line arguments, passed to Spring Boot
   */
  public static void main(String[] args) {
    SpringApplication.run(BulwarkApplication.class, args);
  }
}
