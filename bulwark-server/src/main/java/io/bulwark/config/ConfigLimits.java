package io.bulwark.config;

/** The sizes the config platform accepts. */
public final class ConfigLimits {

  /** The largest setting or flag document accepted, in bytes of its JSON encoding. */
  public static final int MAX_BYTES = 64 * 1024;

  /** The longest description. */
  public static final int MAX_DESCRIPTION = 1024;

  private ConfigLimits() {}
}
