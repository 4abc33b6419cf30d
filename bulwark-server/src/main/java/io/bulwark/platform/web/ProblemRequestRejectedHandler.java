package io.bulwark.platform.web;

import io.bulwark.platform.problem.ProblemResponseWriter;
import io.bulwark.platform.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests that Spring Security's firewall refuses before any filter runs (path traversal such as
 * {@code ..} or {@code %2E%2E}, encoded slashes, illegal characters) answer 400 problem+json like
 * every other client mistake.
 */
@Component
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

  private final ProblemResponseWriter problems;

  ProblemRequestRejectedHandler(ProblemResponseWriter problems) {
    this.problems = problems;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    problems.write(
        response,
        ProblemType.MALFORMED_REQUEST,
        "The request path or headers contain characters or segments that are not allowed");
  }
}
