package io.bulwark.platform.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problem+json from places that run before Spring MVC: servlet filters and Spring Security's
 * entry points and access-denied handlers.
 */
@Component
public final class ProblemResponseWriter {

  private final JsonMapper json;

  /**
   * @param json the mapper that renders the body
   */
  public ProblemResponseWriter(JsonMapper json) {
    this.json = json;
  }

  /**
   * Writes the problem unless the response is already committed.
   *
   * @param response the servlet response
   * @param problem the body
   * @throws IOException when the client has gone away
   */
  public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setHeader("Cache-Control", "no-store");
    json.writeValue(response.getOutputStream(), asMembers(problem));
  }

  private static Map<String, Object> asMembers(ProblemDetail problem) {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("type", problem.getType().toString());
    members.put("title", problem.getTitle());
    members.put("status", problem.getStatus());
    if (problem.getDetail() != null) {
      members.put("detail", problem.getDetail());
    }
    if (problem.getInstance() != null) {
      members.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      members.putAll(problem.getProperties());
    }
    return members;
  }

  /**
   * @param response the servlet response
   * @param type the problem type
   * @param detail a caller-safe explanation
   * @throws IOException when the client has gone away
   */
  public void write(HttpServletResponse response, ProblemType type, String detail)
      throws IOException {
    write(response, Problems.of(type, detail));
  }
}
