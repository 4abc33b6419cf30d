package io.bulwark.redact;

/**
 * Receives the findings a {@link Detector} reports while the scanner runs. Implementations filter
 * by enabled type and minimum confidence; detectors just report what they see.
 */
@FunctionalInterface
public interface FindingSink {

  /**
   * Reports a sensitive value at {@code [start, end)} of the scanned text.
   *
   * @param type the detector type name, e.g. {@link DetectorTypes#EMAIL}
   * @param start index of the first character of the value
   * @param end index after the value
   * @param confidence the detector's confidence in {@code [0, 1]}
   */
  void report(String type, int start, int end, double confidence);
}
