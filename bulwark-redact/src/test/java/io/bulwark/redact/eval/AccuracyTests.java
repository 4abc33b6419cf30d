package io.bulwark.redact.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.Finding;
import io.bulwark.redact.Redactor;
import io.bulwark.redact.eval.EvaluationCorpus.Label;
import io.bulwark.redact.eval.EvaluationCorpus.LabelledLine;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the default redactor per type over the generated {@link
 * EvaluationCorpus}. A finding is a true positive when it overlaps a label of the same type.
 */
class AccuracyTests {

  private static final List<String> STRUCTURED =
      List.of(
          DetectorTypes.CREDIT_CARD,
          DetectorTypes.IBAN,
          DetectorTypes.US_SSN,
          DetectorTypes.EMAIL,
          DetectorTypes.JWT,
          DetectorTypes.PRIVATE_KEY,
          DetectorTypes.API_KEY);

  private static final Map<String, int[]> COUNTS = new TreeMap<>();
  private static List<LabelledLine> corpus;

  @BeforeAll
  static void evaluate() {
    corpus = EvaluationCorpus.generate(20240115L, 6000);
    Redactor redactor = Redactor.defaults();
    StringBuilder misses = new StringBuilder();
    for (LabelledLine line : corpus) {
      List<Finding> findings = redactor.scan(line.text());
      for (Finding finding : findings) {
        boolean matched =
            line.labels().stream()
                .anyMatch(l -> l.type().equals(finding.type()) && overlaps(l, finding));
        counts(finding.type())[matched ? 0 : 1]++;
        if (!matched && misses.length() < 20000) {
          misses
              .append("FP ")
              .append(finding.type())
              .append(" [")
              .append(line.kind())
              .append("] ")
              .append(finding.valueIn(line.text()))
              .append('\n');
        }
      }
      for (Label label : line.labels()) {
        boolean found =
            findings.stream().anyMatch(f -> f.type().equals(label.type()) && overlaps(label, f));
        if (!found) {
          counts(label.type())[2]++;
          if (misses.length() < 20000) {
            misses
                .append("FN ")
                .append(label.type())
                .append(" [")
                .append(line.kind())
                .append("] ")
                .append(line.text(), label.start(), label.end())
                .append('\n');
          }
        }
      }
    }
    System.out.println(table());
    System.out.println(misses);
  }

  private static int[] counts(String type) {
    return COUNTS.computeIfAbsent(type, t -> new int[3]);
  }

  private static boolean overlaps(Label label, Finding finding) {
    return label.start() < finding.end() && finding.start() < label.end();
  }

  private static double precision(String type) {
    int[] c = counts(type);
    return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
  }

  private static double recall(String type) {
    int[] c = counts(type);
    return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
  }

  private static String table() {
    var sb = new StringBuilder();
    sb.append(
        String.format(
            "%n%-22s %6s %6s %6s %9s %7s%n", "type", "TP", "FP", "FN", "precision", "recall"));
    for (var entry : COUNTS.entrySet()) {
      int[] c = entry.getValue();
      sb.append(
          String.format(
              "%-22s %6d %6d %6d %9.4f %7.4f%n",
              entry.getKey(), c[0], c[1], c[2], precision(entry.getKey()), recall(entry.getKey())));
    }
    return sb.toString();
  }

  @Test
  void corpusHasAtLeastFiveThousandLinesWithEveryType() {
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(5000);
    assertThat(corpus.stream().flatMap(l -> l.labels().stream()).map(Label::type).distinct())
        .containsExactlyInAnyOrderElementsOf(DetectorTypes.ALL);
  }

  @Test
  void structuredTypesReachRecallOf99AndPrecisionOf97Percent() {
    for (String type : STRUCTURED) {
      assertThat(recall(type)).as("recall of %s", type).isGreaterThanOrEqualTo(0.99);
      assertThat(precision(type)).as("precision of %s", type).isGreaterThanOrEqualTo(0.97);
    }
  }

  @Test
  void contextualTypesStayUseful() {
    for (String type : DetectorTypes.ALL) {
      assertThat(recall(type)).as("recall of %s", type).isGreaterThanOrEqualTo(0.9);
      assertThat(precision(type)).as("precision of %s", type).isGreaterThanOrEqualTo(0.9);
    }
  }
}
