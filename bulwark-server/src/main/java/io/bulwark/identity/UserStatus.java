package io.bulwark.identity;

/** Whether a person's account may sign in. */
public enum UserStatus {
  /** May sign in. */
  ACTIVE,
  /** Turned off by an administrator. */
  DISABLED,
  /** Locked by brute-force protection or an administrator. */
  LOCKED,
  /** Deleted: kept 30 days, restorable, then purged. */
  DELETED
}
