package io.bulwark.redact.json;

import io.bulwark.redact.Redactor;
import io.bulwark.redact.internal.AssignmentDetector;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Streaming, structural JSON redaction. The document is copied token by token from a Jackson
 * streaming parser to a generator, so memory is bounded by nesting depth and the longest single
 * value, never by document size.
 *
 * <p>For each field the action is, in order: the first matching {@link Builder#field path rule};
 * the action of its {@link Builder#classifier classification}; {@code mask} with the assignment
 * type when the field name is a sensitive key ({@code password}, {@code client_secret}, {@code
 * apiKey}, {@code authorization}, {@code mrn}...); otherwise {@link JsonFieldAction#detect()}.
 *
 * <p>Path patterns are dotted field names where {@code *} matches one name and {@code **} any
 * number of names, e.g. {@code customer.ssn}, {@code *.email}, {@code **.notes}.
 */
public final class JsonRedactor {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final Redactor redactor;
  private final List<Map.Entry<String[], JsonFieldAction>> rules;
  private final @Nullable FieldClassifier classifier;
  private final Map<String, JsonFieldAction> classifications;
  private final boolean sensitiveNames;

  private JsonRedactor(Builder builder) {
    this.redactor = builder.redactor;
    this.rules = new ArrayList<>();
    builder.rules.forEach((pattern, action) -> rules.add(Map.entry(pattern.split("\\."), action)));
    this.classifier = builder.classifier;
    this.classifications = Map.copyOf(builder.classifications);
    this.sensitiveNames = builder.sensitiveNames;
  }

  /** A builder with the {@link Redactor#defaults() default} text redactor and no rules. */
  public static Builder builder() {
    return new Builder();
  }

  /** Redacts one JSON document (or a sequence of root values) held in a string. */
  public String redact(String json) {
    StringWriter out = new StringWriter(json.length() + 32);
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json);
        JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      copy(parser, generator);
    }
    return out.toString();
  }

  /**
   * Streams {@code in} to {@code out} (UTF-8), redacting as it goes. Neither stream is closed.
   *
   * @throws JacksonException when the input is not valid JSON (output written so far is kept)
   */
  public void redact(InputStream in, OutputStream out) {
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), nonClosing(in));
        JsonGenerator generator =
            FACTORY.createGenerator(ObjectWriteContext.empty(), nonClosing(out))) {
      copy(parser, generator);
    }
  }

  /** Character-stream variant of {@link #redact(InputStream, OutputStream)}. */
  public void redact(Reader in, Writer out) {
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), in);
        JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      copy(parser, generator);
    }
  }

  private void copy(JsonParser parser, JsonGenerator generator) {
    List<String> path = new ArrayList<>();
    List<Boolean> pushed = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != null) {
      switch (token) {
        case PROPERTY_NAME -> {
          String name = parser.currentName();
          path.add(name);
          JsonFieldAction action = actionFor(path, name);
          path.removeLast();
          JsonToken value = parser.nextToken();
          if (action instanceof JsonFieldAction.Drop) {
            if (value.isStructStart()) {
              parser.skipChildren();
            }
            continue;
          }
          generator.writeName(name);
          value(parser, generator, value, action, path, pushed, name);
        }
        default -> value(parser, generator, token, JsonFieldAction.detect(), path, pushed, null);
      }
    }
    generator.flush();
  }

  private void value(
      JsonParser parser,
      JsonGenerator generator,
      JsonToken token,
      JsonFieldAction action,
      List<String> path,
      List<Boolean> pushed,
      @Nullable String name) {
    switch (token) {
      case START_OBJECT, START_ARRAY -> {
        switch (action) {
          case JsonFieldAction.Mask mask -> {
            parser.skipChildren();
            generator.writeString(masked(mask.type(), ""));
          }
          case JsonFieldAction.Keep keep -> generator.copyCurrentStructure(parser);
          default -> {
            generator.copyCurrentEvent(parser);
            if (name != null) {
              path.add(name);
            }
            pushed.add(name != null);
          }
        }
      }
      case END_OBJECT, END_ARRAY -> {
        generator.copyCurrentEvent(parser);
        if (!pushed.isEmpty() && pushed.removeLast()) {
          path.removeLast();
        }
      }
      case VALUE_STRING -> {
        String text = parser.getString();
        switch (action) {
          case JsonFieldAction.Mask mask -> generator.writeString(masked(mask.type(), text));
          case JsonFieldAction.Keep keep -> generator.writeString(text);
          default -> generator.writeString(redactor.redact(text));
        }
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        switch (action) {
          case JsonFieldAction.Mask mask ->
              generator.writeString(masked(mask.type(), parser.getText()));
          case JsonFieldAction.Keep keep -> generator.copyCurrentEvent(parser);
          default -> {
            String text = parser.getText();
            String redacted = text.length() >= 6 ? redactor.redact(text) : text;
            if (redacted == text) {
              generator.copyCurrentEvent(parser);
            } else {
              generator.writeString(redacted);
            }
          }
        }
      }
      case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
        if (action instanceof JsonFieldAction.Mask mask && token != JsonToken.VALUE_NULL) {
          generator.writeString(masked(mask.type(), parser.getText()));
        } else {
          generator.copyCurrentEvent(parser);
        }
      }
      default -> generator.copyCurrentEvent(parser);
    }
  }

  private String masked(String type, String value) {
    StringBuilder out = new StringBuilder();
    redactor.strategyFor(type).mask(type, value, out);
    return out.toString();
  }

  private JsonFieldAction actionFor(List<String> path, String name) {
    for (var rule : rules) {
      if (matches(rule.getKey(), 0, path, 0)) {
        return rule.getValue();
      }
    }
    if (classifier != null) {
      String label = classifier.classify(String.join(".", path));
      if (label != null) {
        JsonFieldAction action = classifications.get(label);
        if (action != null) {
          return action;
        }
      }
    }
    if (sensitiveNames) {
      String type = AssignmentDetector.typeOfFieldName(name);
      if (type != null) {
        return JsonFieldAction.mask(type);
      }
    }
    return JsonFieldAction.detect();
  }

  private static boolean matches(String[] pattern, int p, List<String> path, int i) {
    if (p == pattern.length) {
      return i == path.size();
    }
    if (pattern[p].equals("**")) {
      for (int k = i; k <= path.size(); k++) {
        if (matches(pattern, p + 1, path, k)) {
          return true;
        }
      }
      return false;
    }
    return i < path.size()
        && (pattern[p].equals("*") || pattern[p].equals(path.get(i)))
        && matches(pattern, p + 1, path, i + 1);
  }

  private static InputStream nonClosing(InputStream in) {
    return new java.io.FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws java.io.IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws java.io.IOException {
        flush();
      }
    };
  }

  /** Validating builder for {@link JsonRedactor}. */
  public static final class Builder {
    private Redactor redactor = Redactor.defaults();
    private final Map<String, JsonFieldAction> rules = new LinkedHashMap<>();
    private @Nullable FieldClassifier classifier;
    private final Map<String, JsonFieldAction> classifications = new HashMap<>();
    private boolean sensitiveNames = true;

    private Builder() {}

    /** The text redactor for string values and the masking strategies per type. */
    public Builder redactor(Redactor redactor) {
      this.redactor = Objects.requireNonNull(redactor, "redactor");
      return this;
    }

    /** Applies {@code action} to fields whose path matches {@code pattern}; first rule wins. */
    public Builder field(String pattern, JsonFieldAction action) {
      Objects.requireNonNull(pattern, "pattern");
      if (pattern.isBlank()
          || pattern.startsWith(".")
          || pattern.endsWith(".")
          || pattern.contains("..")) {
        throw new IllegalArgumentException("invalid field pattern: " + pattern);
      }
      rules.put(pattern, Objects.requireNonNull(action, "action"));
      return this;
    }

    /** Classifies fields by path; see {@link #classification(String, JsonFieldAction)}. */
    public Builder classifier(FieldClassifier classifier) {
      this.classifier = Objects.requireNonNull(classifier, "classifier");
      return this;
    }

    /** The action for fields the classifier labels {@code label}. */
    public Builder classification(String label, JsonFieldAction action) {
      classifications.put(
          Objects.requireNonNull(label, "label"), Objects.requireNonNull(action, "action"));
      return this;
    }

    /** Whether fields named like secrets are masked whole (default {@code true}). */
    public Builder maskSensitiveFieldNames(boolean enabled) {
      this.sensitiveNames = enabled;
      return this;
    }

    /**
     * Builds the redactor.
     *
     * @throws IllegalStateException when classifications are configured without a classifier
     */
    public JsonRedactor build() {
      if (!classifications.isEmpty() && classifier == null) {
        throw new IllegalStateException("classification actions need a classifier");
      }
      return new JsonRedactor(this);
    }
  }
}
