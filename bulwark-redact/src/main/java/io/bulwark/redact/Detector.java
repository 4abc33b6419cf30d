package io.bulwark.redact;

import java.util.List;
import java.util.Set;

/**
 * Service-provider interface for a detector of sensitive values.
 *
 * <p>A detector declares {@link #triggers() where} it may match; the {@link Redactor}'s scanner
 * makes one left-to-right pass and calls {@link #detect} only at those positions. Detectors must be
 * thread-safe and stateless, examine a bounded neighbourhood of the position (or consume what they
 * examine, by returning a resume index past it), and never use backtracking regular expressions on
 * unbounded input: that is what keeps redaction linear in the input size.
 *
 * @see BuiltInDetectors
 */
public interface Detector {

  /** The type names this detector reports, e.g. {@code Set.of(DetectorTypes.EMAIL)}. */
  Set<String> types();

  /** The positions at which the scanner calls {@link #detect}. */
  List<Trigger> triggers();

  /**
   * Examines {@code text} at a candidate {@code position} and reports findings to {@code sink}.
   *
   * @param text the whole text being scanned
   * @param position the candidate position: the token start, the symbol, or the assignment key
   *     start, depending on the {@link Trigger}
   * @param sink where findings go
   * @return the index at which the scanner resumes, greater than {@code position} when this
   *     detector consumed the input up to there (with or without findings); any value {@code <=
   *     position} means "not mine" and the scanner carries on as if the detector had not been
   *     called
   */
  int detect(CharSequence text, int position, FindingSink sink);
}
