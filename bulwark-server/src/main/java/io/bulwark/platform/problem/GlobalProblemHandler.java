package io.bulwark.platform.problem;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Renders every error that reaches Spring MVC as RFC 9457 problem+json with a stable type. Client
 * mistakes never answer 500; unexpected failures answer a 500 whose detail reveals nothing.
 */
@RestControllerAdvice
final class GlobalProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(GlobalProblemHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<Object> apiProblem(ApiProblem problem) {
    return respond(Problems.of(problem));
  }

  @ExceptionHandler(InvalidFieldException.class)
  ResponseEntity<Object> invalidField(InvalidFieldException invalid) {
    return respond(
        Problems.of(ProblemType.INVALID_FIELD, invalid.reason(), Map.of("field", invalid.field())));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> parameterTypeMismatch(MethodArgumentTypeMismatchException mismatch) {
    return respond(
        Problems.of(
            ProblemType.INVALID_PARAMETER,
            "Parameter '" + mismatch.getName() + "' has the wrong type",
            Map.of("parameter", mismatch.getName())));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception failure) {
    log.error("Unexpected failure while handling a request", failure);
    return respond(
        Problems.of(
            ProblemType.INTERNAL_ERROR,
            "The server failed to handle the request; quote the correlation id to support"));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(
      Exception failure,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem = translate(failure, status);
    return ResponseEntity.status(problem.getStatus())
        .headers(withoutContentType(headers))
        .body(problem);
  }

  private static ProblemDetail translate(Exception failure, HttpStatusCode status) {
    return switch (failure) {
      case HttpMessageNotReadableException unreadable -> unreadable(unreadable);
      case HttpMediaTypeNotSupportedException unsupported ->
          Problems.of(
              ProblemType.UNSUPPORTED_MEDIA_TYPE,
              "Content type "
                  + (unsupported.getContentType() == null
                      ? "(none)"
                      : unsupported.getContentType().toString())
                  + " is not supported; send application/json");
      case HttpMediaTypeNotAcceptableException ignored ->
          Problems.of(ProblemType.NOT_ACCEPTABLE, "No acceptable representation");
      case HttpRequestMethodNotSupportedException unsupported ->
          Problems.of(
              ProblemType.METHOD_NOT_ALLOWED,
              "Method " + unsupported.getMethod() + " is not allowed here");
      case NoResourceFoundException ignored ->
          Problems.of(ProblemType.NOT_FOUND, "No such resource");
      case MissingServletRequestParameterException missing ->
          Problems.of(
              ProblemType.INVALID_PARAMETER,
              "Parameter '" + missing.getParameterName() + "' is required",
              Map.of("parameter", missing.getParameterName()));
      default -> byStatus(status);
    };
  }

  private static ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {
    for (Throwable cause = unreadable; cause != null; cause = cause.getCause()) {
      switch (cause) {
        case PayloadTooLargeException tooLarge -> {
          return Problems.of(ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
        }
        case InvalidFieldException invalid -> {
          return Problems.of(
              ProblemType.INVALID_FIELD, invalid.reason(), Map.of("field", invalid.field()));
        }
        case UnrecognizedPropertyException unknown -> {
          String field = unknown.getPropertyName();
          return Problems.of(
              ProblemType.UNKNOWN_FIELD,
              "Field '" + field + "' is not part of this request",
              Map.of("field", field));
        }
        case StreamReadException ignored -> {
          return Problems.of(ProblemType.MALFORMED_REQUEST, "The body is not well-formed JSON");
        }
        case JacksonException mapping -> {
          String field = fieldPath(mapping);
          return Problems.of(
              ProblemType.INVALID_FIELD,
              "Field '" + field + "' has the wrong type or format",
              Map.of("field", field));
        }
        default -> {}
      }
    }
    return Problems.of(ProblemType.MALFORMED_REQUEST, "The body is missing or unreadable");
  }

  private static String fieldPath(JacksonException mapping) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : mapping.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(body)" : path.toString();
  }

  private static ProblemDetail byStatus(HttpStatusCode status) {
    for (ProblemType type : ProblemType.values()) {
      if (type.status().value() == status.value()) {
        return Problems.of(type, type.title());
      }
    }
    return Problems.of(ProblemType.INTERNAL_ERROR, "The server failed to handle the request");
  }

  private static HttpHeaders withoutContentType(HttpHeaders headers) {
    HttpHeaders copy = new HttpHeaders();
    copy.putAll(headers);
    copy.remove(HttpHeaders.CONTENT_TYPE);
    return copy;
  }

  private static ResponseEntity<Object> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }
}
