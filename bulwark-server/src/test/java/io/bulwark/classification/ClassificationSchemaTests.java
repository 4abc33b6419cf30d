package io.bulwark.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.platform.problem.InvalidFieldException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationSchemaTests {

  private static final SchemaName PATIENT = new SchemaName("patient");

  @Test
  void duplicatePathIsRejectedNamingTheRepeat() {
    List<SchemaField> fields =
        List.of(
            new SchemaField("email", ClassificationTier.CUSTOMER_SENSITIVE),
            new SchemaField("mrn", ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE),
            new SchemaField("email", ClassificationTier.PUBLIC));

    assertThatThrownBy(() -> new DataSchemaDefinition(PATIENT, null, fields))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("fields[2].path"));
  }

  @Test
  void emptyFieldListIsRejected() {
    assertThatThrownBy(() -> new DataSchemaDefinition(PATIENT, null, List.of()))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("fields"));
  }

  @Test
  void malformedPathsAreRejected() {
    for (String path : List.of("", ".email", "email.", "a..b", "1st", "a b", "a[0]")) {
      assertThatThrownBy(() -> new SchemaField(path, ClassificationTier.PUBLIC))
          .as(path)
          .isInstanceOfSatisfying(
              InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("path"));
    }
    assertThat(new SchemaField("address.post_code", ClassificationTier.PUBLIC).path())
        .isEqualTo("address.post_code");
  }

  @Test
  void malformedNamesAreRejected() {
    for (String name : List.of("", "Patient", "1patient", "pa tient", "a".repeat(64))) {
      assertThatThrownBy(() -> new SchemaName(name))
          .as(name)
          .isInstanceOfSatisfying(
              InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }
  }

  @Test
  void fieldInheritsTheTierOfItsNearestClassifiedAncestor() {
    DataSchema schema =
        new DataSchema(
            PATIENT,
            "A patient record",
            List.of(
                new SchemaField("address", ClassificationTier.CUSTOMER_SENSITIVE),
                new SchemaField("address.country", ClassificationTier.INTERNAL),
                new SchemaField("diagnosis", ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE)),
            1,
            Instant.EPOCH,
            Instant.EPOCH);

    assertThat(schema.tierOf("address.street")).contains(ClassificationTier.CUSTOMER_SENSITIVE);
    assertThat(schema.tierOf("address.country")).contains(ClassificationTier.INTERNAL);
    assertThat(schema.tierOf("diagnosis.code"))
        .contains(ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE);
    assertThat(schema.tierOf("addressee")).isEmpty();
    assertThat(schema.tierOf("notes")).isEmpty();
  }
}
