package io.bulwark.ledger.export;

/** Names of the export format, shared by writer and verifier. */
final class LedgerExportFormat {

  static final String FORMAT = "bulwark-ledger-export";
  static final int VERSION = 1;

  static final String F_FORMAT = "format";
  static final String F_VERSION = "version";
  static final String F_ORIGIN = "origin";
  static final String F_TENANT = "tenant";
  static final String F_TREE_SIZE = "tree_size";
  static final String F_BEGIN = "begin";
  static final String F_END = "end";
  static final String F_CHECKPOINT = "checkpoint";
  static final String F_VERIFIER_KEYS = "verifier_keys";
  static final String F_RANGE_PROOF = "range_proof";
  static final String F_LEFT = "left";
  static final String F_RIGHT = "right";
  static final String F_INDEX = "index";
  static final String F_LEAF_HASH = "leaf_hash";
  static final String F_ENTRY = "entry";

  private LedgerExportFormat() {}
}
