package io.bulwark.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Tenant fixtures: each call yields a fresh, unique slug so tests never collide. */
public final class TestTenants {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private TestTenants() {}

  public static Builder acme() {
    return new Builder("acme-" + SEQUENCE.incrementAndGet(), "Acme Corp", "eu-west");
  }

  public static Builder globex() {
    return new Builder("globex-" + SEQUENCE.incrementAndGet(), "Globex", "us-east");
  }

  /** Builds the JSON body of a tenant creation request. */
  public static final class Builder {
    private String slug;
    private final String displayName;
    private final String region;

    Builder(String slug, String displayName, String region) {
      this.slug = slug;
      this.displayName = displayName;
      this.region = region;
    }

    public Builder slug(String slug) {
      this.slug = slug;
      return this;
    }

    public String slug() {
      return slug;
    }

    public String json() {
      return """
      {"slug": "%s", "display_name": "%s", "region": "%s"}\
      """
          .formatted(slug, displayName, region);
    }
  }
}
